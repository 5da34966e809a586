/**
 * The reconciliation's real parts, each call timed from the run's start: where the run spends its time, read phase by
 * read phase. The readers wait for platform reports on a clock whose pauses are summed, so that the wait the
 * report-poll policy imposes is told apart from the platform's work.
 */
import type { Clock } from '../../../app/ports';
import type { OdooReconReader, PlatformReconReader } from '../../../app/recon/recon.ports';
import type { ReconcileDeps } from '../../../sync/recon/reconcile.job';
import { timerClock } from '../../../sync/recon/report-poll';

export interface Span {
  name: string;
  startMs: number;
  ms: number;
  /** What it returned, in a few words. */
  size: string;
}

const sizeOf = (value: unknown): string => (Array.isArray(value) ? `${value.length.toLocaleString('en')} rows` : '');

export class Spans {
  readonly spans: Span[] = [];
  private origin = performance.now();

  restart(): void {
    this.spans.length = 0;
    this.origin = performance.now();
  }

  async time<T>(name: string, fn: () => Promise<T>, size: (value: T) => string = sizeOf): Promise<T> {
    const started = performance.now();
    const value = await fn();
    this.spans.push({ name, startMs: started - this.origin, ms: performance.now() - started, size: size(value) });
    return value;
  }
}

/**
 * A clock that notes how long its callers paused (the readers' waits for reports to be ready): the time covered by at
 * least one pause, so that two reports waited for side by side count once.
 */
export function pauseCountingClock(): { clock: Clock; pausedMs: () => number } {
  const pauses: [number, number][] = [];
  const clock: Clock = {
    now: () => timerClock.now(),
    setTimeout: (fn, ms) => {
      const at = performance.now();
      pauses.push([at, at + ms]);
      return timerClock.setTimeout(fn, ms);
    },
    clearTimeout: (handle) => timerClock.clearTimeout(handle),
  };
  const pausedMs = (): number => {
    let covered = 0;
    let reached = -Infinity;
    for (const [from, to] of [...pauses].sort((a, b) => a[0] - b[0])) {
      covered += Math.max(0, to - Math.max(from, reached));
      reached = Math.max(reached, to);
    }
    return covered;
  };
  return { clock, pausedMs };
}

function timedOdoo(odoo: OdooReconReader, spans: Spans): OdooReconReader {
  return {
    pickings: (ids) => spans.time('Odoo: the ledger\'s pickings by id', () => odoo.pickings(ids)),
    doneWithTracking: (since, until) => spans.time('Odoo: done with tracking in the window', () => odoo.doneWithTracking(since, until)),
    window: (ids, since, until) => spans.time("Odoo: the ledger's pickings and those done with tracking in the window", () => odoo.window(ids, since, until)),
  };
}

function timedPlatform(reader: PlatformReconReader, spans: Spans, name: string): PlatformReconReader {
  return { platform: reader.platform, shipments: (since, until) => spans.time(name, () => reader.shipments(since, until)), void: (id) => reader.void(id) };
}

/** The same deps, every read and write timed into `spans`. */
export function timedDeps(deps: ReconcileDeps, spans: Spans, platformNames: readonly string[]): ReconcileDeps {
  const { ledger, tracking, exceptions, audit } = deps;
  return {
    ledger: { pickingFacts: (since, until) => spans.time('hub ledger: the stations\' facts', () => ledger.pickingFacts(since, until)) },
    odoo: deps.odoo ? timedOdoo(deps.odoo, spans) : null,
    platforms: deps.platforms.map((p, i) => timedPlatform(p, spans, platformNames[i] ?? p.platform)),
    tracking: { many: (codes) => spans.time('hub tracking store', () => tracking.many(codes)) },
    exceptions: {
      record: (findings, opts) => spans.time('recording the findings (one transaction)', () => exceptions.record(findings, opts), (o) => `${findings.length} findings, ${o.opened.length} opened`),
      note: (...args) => exceptions.note(...args),
    },
    audit: { append: (entries) => spans.time('shipment audit trail', () => audit.append(entries), () => `${entries.length} entries`) },
    policy: deps.policy,
  };
}
