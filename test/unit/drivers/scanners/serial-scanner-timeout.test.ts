import { beforeEach, describe, expect, it } from 'vitest';
import type { ScannerConfig } from '../../../../app/domain';
import type { SerialScanner } from '../../../../drivers/scanners/serial-scanner';
import { flushPromises, type FakeClock } from '../../../support/fake-clock';
import type { FakeOpener } from '../serial/fake-byte-link';
import { scannerRig, type ScannerRig } from './scanner-rig';

describe('SerialScanner inter-character timeout', () => {
  let clock: FakeClock;
  let opener: FakeOpener;
  let scans: string[];
  let make: ScannerRig['make'];

  const start = async (over: Partial<ScannerConfig> = {}): Promise<SerialScanner> => {
    const scanner = make(over);
    await scanner.start();
    return scanner;
  };

  beforeEach(() => {
    ({ clock, opener, scans, make } = scannerRig({ interCharTimeoutMs: 50 }));
  });

  it('ends a scan without terminator once bytes stop for interCharTimeoutMs, not before', async () => {
    const scanner = await start();
    opener.last.receive('40063');
    clock.advance(49);
    opener.last.receive('81333931');
    clock.advance(49);
    expect(scans).toEqual([]);
    clock.advance(1);
    expect(scans).toEqual(['4006381333931']);
    opener.last.receive('TOTE-7');
    clock.advance(50);
    expect(scans).toEqual(['4006381333931', 'TOTE-7']);
    await scanner.stop();
    expect(clock.pending).toBe(0);
  });

  it('a terminator still ends a scan at once and leaves no timer behind', async () => {
    const scanner = await start();
    opener.last.receive('A1\r');
    expect(scans).toEqual(['A1']);
    expect(clock.pending).toBe(0);
    await scanner.stop();
  });

  it('strips prefix and suffix of a timed-out scan', async () => {
    const scanner = await start({ prefix: ']C1', suffix: '\t', terminator: '\r\n' });
    opener.last.receive(']C10104006381333931\x1d10LOT7\t');
    clock.advance(50);
    expect(scans).toEqual(['0104006381333931\x1d10LOT7']);
    await scanner.stop();
  });

  it('with timeout 0 waits for the terminator however long the gap', async () => {
    const scanner = await start({ interCharTimeoutMs: 0 });
    opener.last.receive('SLOW');
    clock.advance(60_000);
    expect(scans).toEqual([]);
    opener.last.receive('-1\r');
    expect(scans).toEqual(['SLOW-1']);
    await scanner.stop();
  });

  it('drops half a scan when the link drops, even after the timeout', async () => {
    const scanner = await start();
    opener.last.receive('HALF');
    opener.last.drop();
    clock.advance(100);
    expect(scans).toEqual([]);
    clock.advance(250);
    await flushPromises();
    expect(scanner.health().state).toBe('connected');
    opener.last.receive('WHOLE');
    clock.advance(50);
    expect(scans).toEqual(['WHOLE']);
    await scanner.stop();
  });

  it('stop() cancels the pending timer and forgets the half scan', async () => {
    const scanner = await start();
    opener.last.receive('HALF');
    await scanner.stop();
    expect(clock.pending).toBe(0);
    clock.advance(1000);
    expect(scans).toEqual([]);
  });
});
