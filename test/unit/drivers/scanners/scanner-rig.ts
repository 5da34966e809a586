import type { ScannerConfig } from '../../../../app/domain';
import { SerialScanner } from '../../../../drivers/scanners/serial-scanner';
import { FakeClock } from '../../../support/fake-clock';
import { scannerConfig } from '../../../support/scanner-config';
import { FakeOpener } from '../serial/fake-byte-link';

export interface ScannerRig {
  clock: FakeClock;
  opener: FakeOpener;
  /** Every scan the scanners made by `make` emitted, in order. */
  scans: string[];
  make(over?: Partial<ScannerConfig>): SerialScanner;
}

/** A fresh fake clock and link opener per test, and scanners on them built from `defaults`. */
export function scannerRig(defaults: Partial<ScannerConfig> = {}): ScannerRig {
  const clock = new FakeClock();
  const opener = new FakeOpener();
  const scans: string[] = [];
  const make = (over: Partial<ScannerConfig> = {}): SerialScanner => {
    const scanner = new SerialScanner(scannerConfig({ ...defaults, ...over }), { clock, open: opener.open });
    scanner.onScan((code) => scans.push(code));
    return scanner;
  };
  return { clock, opener, scans, make };
}
