/**
 * How the packing machine reads its label's print job. The spooler owns the job's life (print-job.schema.ts); the
 * machine only needs to know which of six situations the packer is in, so the chart routes on these phases.
 */
import type { PrintJob, PrinterFault } from '../domain';
import { say, type Say } from '../i18n/language';
import { english, knownSay } from '../i18n/english';

/**
 * - `unknown`: submitted, the spooler has not reported yet;
 * - `printing`: on its way (queued, sending or sent) with nothing in the way;
 * - `printerWaits`: held by a printer fault (`heldBy`; `detail` says what to do); it goes on by itself once fixed;
 * - `uncertain`: its bytes may have reached the printer and the printer cannot tell: a person must answer;
 * - `failed`: the spooler gave up (or the job was cancelled): only a retry or a new job prints it;
 * - `printed`: confirmed.
 */
export type LabelJobPhase = 'unknown' | 'printing' | 'printerWaits' | 'uncertain' | 'failed' | 'printed';

export function labelJobPhase(job: PrintJob | null): LabelJobPhase {
  if (job === null) return 'unknown';
  switch (job.state) {
    case 'confirmed':
      return 'printed';
    case 'uncertain':
      return 'uncertain';
    case 'failed':
    case 'cancelled':
      return 'failed';
    default:
      return job.heldBy !== null ? 'printerWaits' : 'printing';
  }
}

/** Events can race an actor's answer; a snapshot older than what the machine already knows must not roll it back. */
export const newerJob = (known: PrintJob | null, incoming: PrintJob): PrintJob =>
  known !== null && known.id === incoming.id && known.updatedAt > incoming.updatedAt ? known : incoming;

/** The spooler's words for the faults holding a job (app/printing/printer-instructions.ts), as catalogue keys. */
function faultsSay(faults: readonly PrinterFault[]): Say {
  const [first, ...rest] = faults;
  if (first === undefined) return say('packing.printer.notReady');
  const one = say(`packing.printer.fault.${first}`);
  return rest.length === 0 ? one : say('packing.printer.faults', { first: one, rest: faultsSay(rest) });
}

/**
 * The spooler's instruction, plus the promise that matters at the bench: no button is needed once it is fixed. A
 * queued label has not left yet, so it prints by itself; one already sent is checked by the station once it can.
 */
export function printerWaitSay(job: PrintJob): Say {
  const detail = (job.detail ?? english(say('packing.printer.notReadyShort'))).trim().replace(/[.\s]+$/, '');
  const faults = faultsSay(job.heldBy ?? []);
  const instruction = knownSay(detail, [faults, say('packing.printer.thenCheck', { instruction: faults }), say('packing.printer.notReadyShort')]);
  if (/by itself|then the station/i.test(detail)) return instruction;
  return say(job.state === 'queued' ? 'packing.printerWaits.queued' : 'packing.printerWaits.sent', { instruction });
}
