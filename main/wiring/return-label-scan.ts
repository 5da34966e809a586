/**
 * `O-BTN.return-label` at the scanner: a return label for the picking on screen (one to put in the box), or, with
 * none on screen, for the picking scanned next (within a minute). The scan intake asks this first; the packing
 * machine never sees the command nor the picking scan that follows it. The purchase runs in the background and
 * prints by itself; a failure is logged and listed in the supervisor's shipping day.
 */
import type { ScanAnswer } from '../../app/ipc/contract';
import { isReturnLabelBarcode } from '../../app/packing/command-barcodes';
import type { Clock, LogSink } from '../../app/ports';
import { errorMessage } from '../../app/domain/errors';

export interface ReturnLabelScanDeps {
  clock: Pick<Clock, 'now'>;
  log: LogSink;
  /** The picking on the packer's screen, if any. */
  currentPicking: () => { name: string } | null;
  buy: (picking: string) => Promise<unknown>;
  /** How long the command waits for the picking scan (default one minute). */
  armMs?: number;
}

/** A station command the scan intake handles before the packing machine: its answer, or null for "not mine". */
export type ScanInterceptor = (code: string) => ScanAnswer | null;

export function returnLabelScans(deps: ReturnLabelScanDeps): ScanInterceptor {
  const armMs = deps.armMs ?? 60_000;
  let armedUntil: number | null = null;
  const start = (picking: string): ScanAnswer => {
    deps.log.info({ picking }, 'return label asked for by command barcode');
    deps.buy(picking).catch((error: unknown) => deps.log.warn({ picking, err: errorMessage(error) }, 'return label asked for by scan failed'));
    return { accepted: true, outcome: 'applied', reason: `Return label for ${picking}: buying it, it prints by itself` };
  };
  return (code) => {
    const now = deps.clock.now();
    const armed = armedUntil !== null && now < armedUntil;
    if (isReturnLabelBarcode(code)) {
      if (armed) {
        armedUntil = null;
        return { accepted: true, outcome: 'applied', reason: 'Return label cancelled' };
      }
      const current = deps.currentPicking();
      if (current) return start(current.name);
      armedUntil = now + armMs;
      return { accepted: true, outcome: 'applied', reason: 'Scan the picking the return label is for' };
    }
    if (armedUntil === null) return null;
    armedUntil = null;
    return armed ? start(code.trim()) : null;
  };
}
