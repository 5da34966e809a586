import { isDeepStrictEqual } from 'node:util';
import type { StationReport } from '../../app/hub/hub-protocol.schema';
import type { Clock } from '../../app/ports';

/** The report without the moment it was built: a status re-pushed every second is not a change. */
const comparable = (report: StationReport) => ({ ...report, status: { ...report.status, at: 0 } });

/**
 * Decides when a station report goes to the hub: only when it changed (its `at` aside), never more often than
 * `minIntervalMs`; a change inside the interval is sent when the interval ends (the latest one, not each). After a
 * (re)connection the hub knows nothing: `sendNow` sends at once whatever the interval.
 */
export class ReportGate {
  private lastSent: ReturnType<typeof comparable> | null = null;
  private lastSentAt: number | null = null;
  private pending: StationReport | null = null;
  private timer: unknown = null;

  constructor(
    private readonly opts: { clock: Clock; minIntervalMs: number; send: (report: StationReport) => void },
  ) {}

  offer(report: StationReport): void {
    if (this.lastSent !== null && isDeepStrictEqual(comparable(report), this.lastSent)) {
      this.pending = null;
      return;
    }
    const wait = this.lastSentAt === null ? 0 : this.lastSentAt + this.opts.minIntervalMs - this.opts.clock.now();
    if (wait <= 0) return this.sendNow(report);
    this.pending = report;
    this.timer ??= this.opts.clock.setTimeout(() => {
      this.timer = null;
      const due = this.pending;
      if (due !== null) this.sendNow(due);
    }, wait);
  }

  sendNow(report: StationReport): void {
    this.cancel();
    this.lastSent = comparable(report);
    this.lastSentAt = this.opts.clock.now();
    this.opts.send(report);
  }

  /** Nothing pending is sent any more (the link went down: the next connection sends afresh). */
  cancel(): void {
    this.pending = null;
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
