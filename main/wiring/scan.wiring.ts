/**
 * Every scan — the serial scanner's, the UI's scan field, a keyboard wedge — takes this one way into the packing
 * machine, and gets an answer: applied now, held until the machine can take it, or refused with the reason (which
 * the packer also sees on screen). Refusals reach the log, a flood of them one line per window.
 */
import type { Actor } from 'xstate';
import type { ScanAnswer } from '../../app/ipc/contract';
import type { Clock, LogSink } from '../../app/ports';
import type { packingMachine } from '../../app/packing/packing.machine';
import type { Say } from '../../app/i18n/language';
import { noticeOf } from '../../app/packing/packing-view.messages';
import { checkScanInput, printableScan, scanInputProblem } from '../../app/packing/scan-input';
import { DeviceErrorLog } from '../../drivers/serial/device-error-log';
import type { ScanInterceptor } from './return-label-scan';

type PackingActor = Actor<typeof packingMachine>;

export interface ScanIntake {
  submit(raw: string): ScanAnswer;
  /** Flushes the count of refusals held back by the log window. */
  stop(): void;
}

export function createScanIntake(
  actor: PackingActor,
  deps: { clock: Clock; log: LogSink; blockedBy: (raw: string) => string | null; /** Station commands taken before the machine. */ intercept?: ScanInterceptor },
): ScanIntake {
  const refusals = new DeviceErrorLog({ clock: deps.clock, log: deps.log });
  const refuse = (raw: string, reason: string, reasonSay?: Say | null): ScanAnswer => {
    refusals.report({ message: `scan "${printableScan(raw)}" not used: ${reason}` });
    return { accepted: false, outcome: 'refused', reason, ...(reasonSay ? { reasonSay } : {}) };
  };
  return {
    submit(raw) {
      const blocked = deps.blockedBy(raw);
      if (blocked !== null) return refuse(raw, blocked);
      const checked = checkScanInput(raw);
      if (!checked.ok) {
        actor.send({ type: 'SCAN.INVALID', code: raw, reason: checked.reason });
        return refuse(raw, checked.reason, scanInputProblem(raw));
      }
      const taken = deps.intercept?.(checked.code);
      if (taken) return taken;
      const before = actor.getSnapshot().context;
      actor.send({ type: 'SCAN.RECEIVED', code: checked.code });
      const after = actor.getSnapshot().context;
      if ((after.refusedScans ?? 0) > (before.refusedScans ?? 0)) return refuse(raw, after.scanNotice ?? 'not used', noticeOf(after).noticeSay);
      if ((after.queuedScans?.length ?? 0) > (before.queuedScans?.length ?? 0)) return { accepted: true, outcome: 'queued' };
      return { accepted: true, outcome: 'applied' };
    },
    stop: () => refusals.stop(),
  };
}
