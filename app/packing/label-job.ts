/**
 * How the packing machine reads its label's print job. The spooler owns the job's life (print-job.schema.ts); the
 * machine only needs to know which of six situations the packer is in, so the chart routes on these phases.
 */
import type { PrintJob } from '../domain';

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

/**
 * The spooler's instruction, plus the promise that matters at the bench: no button is needed once it is fixed. A
 * queued label has not left yet, so it prints by itself; one already sent is checked by the station once it can.
 */
export function printerWaitInstruction(job: PrintJob): string {
  const instruction = (job.detail ?? 'Printer not ready').trim().replace(/[.\s]+$/, '');
  if (/by itself|then the station/i.test(instruction)) return instruction;
  const after = job.state === 'queued' ? 'the label prints by itself when fixed' : 'the station carries on by itself when fixed';
  return `${instruction} — ${after}`;
}
