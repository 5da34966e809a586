/**
 * Waiting for a report a carrier platform builds in the background (an EasyPost report, a Shippo Reporting API run):
 * read its state again after a delay that doubles (app/retry/backoff.ts) up to a ceiling, until it is ready, has
 * failed, or the deadline passes. A failed report and a deadline passed are errors with a clear message; a report is
 * never taken as empty because it was slow.
 */
import { StationError } from '../../app/domain/errors';
import type { Clock } from '../../app/ports';
import { backoffMs } from '../../app/retry/backoff';

export interface ReportPollOptions {
  /** The first read after the platform accepted the report. */
  firstDelayMs: number;
  /** The longest wait between two reads. */
  maxDelayMs: number;
  /** How long one report may take, counted from its creation. */
  deadlineMs: number;
}

/** Real reports take seconds to minutes: read after 2 s, then at most every 30 s, for up to 15 minutes. */
export const DEFAULT_REPORT_POLL: ReportPollOptions = { firstDelayMs: 2000, maxDelayMs: 30_000, deadlineMs: 15 * 60_000 };

export type ReportState<T> = { state: 'ready'; value: T } | { state: 'pending' } | { state: 'failed'; why: string };

/** Node's own timers, for hosts that pass no Clock. */
export const timerClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const pause = (clock: Clock, ms: number): Promise<void> => new Promise((resolve) => void clock.setTimeout(resolve, ms));

/**
 * Reads `check()` until the report is ready and answers its value. `first` is the state the creation answered (a
 * report ready at once is not read again). `what` names the report in errors ("EasyPost shipment report shprep_…").
 */
export async function waitForReport<T>(what: string, first: ReportState<T>, check: () => Promise<ReportState<T>>, poll: ReportPollOptions, clock: Clock = timerClock): Promise<T> {
  const deadline = clock.now() + poll.deadlineMs;
  let current = first;
  for (let attempt = 0; current.state === 'pending'; attempt++) {
    const wait = backoffMs(attempt, { baseMs: poll.firstDelayMs, maxMs: poll.maxDelayMs });
    if (clock.now() + wait > deadline) {
      throw new StationError('TIMEOUT', `${what} was not ready within ${Math.round(poll.deadlineMs / 1000)} s`);
    }
    await pause(clock, wait);
    current = await check();
  }
  if (current.state === 'failed') throw new StationError('SERVER', `${what} failed at the platform: ${current.why}`);
  return current.value;
}
