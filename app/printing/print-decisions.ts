/**
 * What the spooler does after each observation of the printer. Pure: the spooler does the I/O, these functions
 * decide. The rule that shapes all of them: once bytes may have reached the printer, the job is resent only when
 * the printer's own counter proves the label did not come out; when the printer cannot tell, a person decides.
 */
import type { PrinterFault, PrinterStatus } from '../domain';
import type { PrintFailure } from './print-failure';
import { RESENDING_TEXT, UNCERTAIN_TEXT, instructionFor, instructionForStatus } from './printer-instructions';
import { backoffMs } from '../retry/backoff';

/** A status answer, `unreachable` when asking failed, `unknown` for printers that cannot report (some slip printers). */
export type ObservedStatus = PrinterStatus | 'unreachable' | 'unknown';

export interface DecisionPolicy {
  maxAutoAttempts: number;
  confirmTimeoutMs: number;
  /**
   * How long "counter unchanged, ready, nothing waiting" must hold after a broken connection before it counts as proof:
   * a label being printed has left the receive buffer but is not counted yet, and resending it then would double it.
   */
  proofSettleMs: number;
}

export interface PrintObservation {
  state: 'queued' | 'sending' | 'sent';
  status: ObservedStatus;
  /** Odometer read just before the first byte (stored with the job); null when the printer cannot count. */
  countBefore: number | null;
  /** Odometer read now; null when unknown or not asked (state 'queued'). */
  countAfter: number | null;
  /** How print() failed, for a 'sending' job; absent when a restart finds a 'sending' row. */
  failure?: PrintFailure;
  failureText?: string;
  attempts: number;
  /** The printer reported a fault after the bytes left: the label may be cut short, the counter must prove it. */
  faultSeen: boolean;
  /** Time spent checking this job since its bytes left (or since the restart that found it). */
  waitedMs: number;
  /** How long the "did not print" proof has held without interruption in earlier observations (0 when it did not). */
  proofHeldMs: number;
  policy: DecisionPolicy;
}

export type PrintDecision =
  | { next: 'send' }
  /**
   * Keep the state, show `detail`, look again after the poll interval. `held`: the printer faults that hold the job
   * (null when nothing at the printer needs a hand). `proof`: the non-print proof holds right now.
   */
  | { next: 'stay'; detail: string | null; held: PrinterFault[] | null; faultSeen: boolean; proof?: boolean }
  /** Back in the queue; `backoff` when the printer refused the connection (slow down), not after a proven non-print. */
  | { next: 'queued'; attempts: number; detail: string; backoff: boolean }
  | { next: 'confirmed'; detail: string | null }
  | { next: 'uncertain'; detail: string }
  | { next: 'failed'; attempts: number; detail: string };

const isReady = (status: PrinterStatus): boolean => status.ready && status.faults.length === 0;

/** The faults a status that is not ready holds a job with; "could not ask" is a fault the operator fixes too. */
const faultsOf = (status: PrinterStatus | 'unreachable'): PrinterFault[] =>
  status === 'unreachable' ? ['unreachable'] : [...status.faults];

const waitingText = (status: PrinterStatus | 'unreachable'): string =>
  status === 'unreachable' ? instructionFor('unreachable') : instructionForStatus(status);

const counterAdvanced = (o: PrintObservation): boolean =>
  o.countBefore !== null && o.countAfter !== null && o.countAfter > o.countBefore;

/** Before the first byte: send only to a printer that says it is ready (or cannot say anything at all). */
export function decideBeforeSend(status: ObservedStatus): PrintDecision {
  if (status === 'unknown') return { next: 'send' };
  if (status !== 'unreachable' && isReady(status)) return { next: 'send' };
  return { next: 'stay', detail: waitingText(status), held: faultsOf(status), faultSeen: false };
}

/** print() rejected before any byte could be written: retry with backoff, give up after maxAutoAttempts. */
export function decideRefused(o: PrintObservation): PrintDecision {
  const attempts = o.attempts + 1;
  const why = o.failureText ?? 'the printer refused the connection';
  if (o.failure === 'rejected') return { next: 'failed', attempts, detail: `The printer driver rejected the job: ${why}` };
  if (attempts >= o.policy.maxAutoAttempts) {
    return { next: 'failed', attempts, detail: `Gave up after ${attempts} attempts: ${why}` };
  }
  return { next: 'queued', attempts, detail: `Printer refused the job, retrying: ${why}`, backoff: true };
}

/**
 * The connection broke while sending (or a restart found the job 'sending'): bytes may be in the printer. Resend only
 * on proof — counter known before, unchanged now, printer ready with nothing waiting.
 */
export function decideAfterBroken(o: PrintObservation): PrintDecision {
  if (counterAdvanced(o)) return { next: 'confirmed', detail: null };
  const status = o.status;
  if (status === 'unreachable' || status === 'unknown' || o.countBefore === null) {
    return { next: 'uncertain', detail: UNCERTAIN_TEXT };
  }
  // A faulted printer may still hold our label in its buffer and print it once the fault clears: wait for that.
  if (!isReady(status)) {
    const detail = `${instructionForStatus(status)} (then the station checks whether the label printed)`;
    return { next: 'stay', detail, held: faultsOf(status), faultSeen: true };
  }
  if (o.countAfter === null || o.countAfter < o.countBefore) return { next: 'uncertain', detail: UNCERTAIN_TEXT };
  const waiting = status.labelsWaiting;
  if (waiting === undefined) return { next: 'uncertain', detail: UNCERTAIN_TEXT };
  if (waiting > 0) {
    // Labels in the buffer may be ours; they print within seconds, then the counter answers.
    if (o.waitedMs >= o.policy.confirmTimeoutMs) return { next: 'uncertain', detail: UNCERTAIN_TEXT };
    return { next: 'stay', detail: 'Printer still has labels waiting', held: null, faultSeen: o.faultSeen };
  }
  if (o.proofHeldMs < o.policy.proofSettleMs) {
    return { next: 'stay', detail: 'Checking whether the label printed', held: null, faultSeen: o.faultSeen, proof: true };
  }
  const attempts = o.attempts + 1;
  if (attempts >= o.policy.maxAutoAttempts) {
    return { next: 'failed', attempts, detail: `Gave up after ${attempts} attempts: the label never printed` };
  }
  return { next: 'queued', attempts, detail: RESENDING_TEXT, backoff: false };
}

/** Every byte was written. Confirm on the counter, or on a ready printer when it cannot count. */
export function decideAfterSent(o: PrintObservation): PrintDecision {
  const status = o.status;
  // Confirm only once the fault clears: a label that came out while the printer ran out of paper may be cut short.
  if (status !== 'unreachable' && status !== 'unknown' && !isReady(status)) {
    return { next: 'stay', detail: instructionForStatus(status), held: faultsOf(status), faultSeen: true };
  }
  if (counterAdvanced(o)) return { next: 'confirmed', detail: null };
  const timedOut = o.waitedMs >= o.policy.confirmTimeoutMs;
  if (status === 'unreachable') {
    if (timedOut) return { next: 'uncertain', detail: UNCERTAIN_TEXT };
    return { next: 'stay', detail: waitingText(status), held: faultsOf(status), faultSeen: o.faultSeen };
  }
  if (status === 'unknown') return o.faultSeen ? { next: 'uncertain', detail: UNCERTAIN_TEXT } : { next: 'confirmed', detail: null };
  if ((status.labelsWaiting ?? 0) > 0) {
    if (timedOut) return { next: 'uncertain', detail: UNCERTAIN_TEXT };
    return { next: 'stay', detail: 'Printing…', held: null, faultSeen: o.faultSeen };
  }
  if (o.countBefore !== null && o.countAfter !== null) {
    // Ready, nothing waiting, counter still: the odometer may lag the last label by a moment; after that, ask a person.
    if (timedOut) return { next: 'uncertain', detail: UNCERTAIN_TEXT };
    return { next: 'stay', detail: 'Waiting for the printer to count the label', held: null, faultSeen: o.faultSeen };
  }
  // No counter: a ready printer with an empty buffer printed what it got, unless a fault may have spoiled it.
  return o.faultSeen ? { next: 'uncertain', detail: UNCERTAIN_TEXT } : { next: 'confirmed', detail: null };
}

/** The one entry point: what to do with a job in `o.state` given what the printer says now. */
export function decideNext(o: PrintObservation): PrintDecision {
  switch (o.state) {
    case 'queued':
      return decideBeforeSend(o.status);
    case 'sending':
      return o.failure === 'refused' || o.failure === 'rejected' ? decideRefused(o) : decideAfterBroken(o);
    case 'sent':
      return decideAfterSent(o);
  }
}

/** Delay before retrying a refused connection: doubles per attempt from the poll interval, capped at a minute. */
export function refusedBackoffMs(attempts: number, pollMs: number): number {
  return backoffMs(attempts - 1, { baseMs: pollMs, maxMs: 60_000 });
}
