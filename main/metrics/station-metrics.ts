/**
 * The station's Prometheus metrics, in a registry of its own (not prom-client's global one) so that one process can
 * hold several stations (tests, the demo) without their series colliding. What lives in SQLite (outbox depth and age,
 * dead letters, print jobs) is read when Prometheus scrapes, never on a timer: an idle scraper costs nothing and a
 * scrape always shows the ledger as it is. Events (deliveries, failures, remote calls, scale readings) are counted as
 * they happen.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { PrintJobStateSchema, type TargetSyncStatus } from '../../app/domain';
import { isStationError } from '../../app/domain/errors';
import { SyncTargetSchema, type SyncTarget } from '../../app/domain/outbox-event.schema';
import type { RemoteCallObserver, Scale, Unsubscribe } from '../../app/ports';
import type { BatchDeliverer, BatchOutcome, Deliverer } from '../../sync/engine/sync.engine';
import { DeliveryTrace, type DebugLog } from './delivery-trace';

export interface StationMetricSources {
  /** Pending events per target and the age of the oldest (the outbox store's status). */
  outbox(): readonly Pick<TargetSyncStatus, 'target' | 'depth' | 'oldestPendingAgeMs'>[];
  openDeadLetters(): Record<string, number>;
  printJobsByState(): Record<string, number>;
}

export interface StationMetricsOptions {
  stationId: string;
  sources: StationMetricSources;
  /** Gets one debug line per remote call (with the event id during a delivery) and a warning when a source fails. */
  log?: DebugLog & { warn(obj: object, msg?: string): void };
}

export interface StationMetrics {
  readonly registry: Registry;
  /** Hand to the remotes' transports: times every Odoo and carrier request. */
  readonly observeRemoteCall: RemoteCallObserver;
  /** Wraps a target's deliverer: counts deliveries and failures by code; remote calls made meanwhile name the event. */
  deliverer(target: SyncTarget, deliver: Deliverer): Deliverer;
  deliverer(target: SyncTarget, deliver: BatchDeliverer): BatchDeliverer;
  /** Counts every reading the scale reports, stable or not (its rate shows a frozen or silent scale). */
  countReadings(scale: Pick<Scale, 'onReading'>): Unsubscribe;
  /** The exposition text and its content type, for `GET /metrics`. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** From a fast loopback Odoo call (a few ms) to a label purchase that runs into the carrier's 20 s timeout. */
const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

const failureCode = (error: unknown): string => (isStationError(error) ? error.code : 'UNKNOWN');

export function createStationMetrics(opts: StationMetricsOptions): StationMetrics {
  const { sources } = opts;
  const registry = new Registry();
  registry.setDefaultLabels({ station: opts.stationId });
  const trace = new DeliveryTrace(opts.log);

  /** A source that throws (the database closed or lost) leaves its gauge without samples; the rest still scrape. */
  const read = <T>(what: string, fn: () => T): T | null => {
    try {
      return fn();
    } catch (error) {
      opts.log?.warn({ metric: what, err: error instanceof Error ? error.message : String(error) }, 'metrics source failed');
      return null;
    }
  };

  new Gauge({
    name: 'station_outbox_depth',
    help: 'Outbox events waiting for delivery, per target.',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of read('station_outbox_depth', sources.outbox) ?? []) this.set({ target: t.target }, t.depth);
    },
  });
  new Gauge({
    name: 'station_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest event waiting for delivery, per target (0 when none waits).',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of read('station_outbox_oldest_pending_age_seconds', sources.outbox) ?? []) {
        this.set({ target: t.target }, (t.oldestPendingAgeMs ?? 0) / 1000);
      }
    },
  });
  /** One sample per known key (0 when absent, so an alert sees the drop to 0) plus any other key the database holds. */
  const countGauge = (name: string, help: string, label: string, known: readonly string[], source: () => Record<string, number>) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      collect() {
        const counts = read(name, source);
        this.reset();
        if (counts === null) return;
        for (const key of new Set([...known, ...Object.keys(counts)])) this.set({ [label]: key }, counts[key] ?? 0);
      },
    });
  countGauge('station_dead_letters_open', 'Dead letters waiting for a human (replay or discard), per target.', 'target', SyncTargetSchema.options, sources.openDeadLetters);
  countGauge('station_print_jobs', 'Print jobs in the station database, per state.', 'state', PrintJobStateSchema.options, sources.printJobsByState);

  const deliveries = new Counter({
    name: 'station_sync_deliveries_total',
    help: 'Outbox events the remote acknowledged, per target.',
    labelNames: ['target'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'station_sync_delivery_failures_total',
    help: 'Failed delivery attempts, per target and StationError code (retried, waited out or dead-lettered).',
    labelNames: ['target', 'code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'station_remote_request_duration_seconds',
    help: 'Requests to Odoo and the carrier platform, timed at the transport, per remote, call and outcome (ok or code).',
    labelNames: ['remote', 'method', 'outcome'],
    buckets: LATENCY_BUCKETS_S,
    registers: [registry],
  });
  const readings = new Counter({
    name: 'station_scale_readings_total',
    help: 'Readings the scale reported, stable or not; rate() of it is the reading rate.',
    registers: [registry],
  });

  const wrap = (target: SyncTarget, deliver: Deliverer | BatchDeliverer): Deliverer | BatchDeliverer => {
    // Present from the first scrape, so rate() and alerts see a 0 before the first delivery.
    deliveries.inc({ target }, 0);
    const failed = (error: unknown) => failures.inc({ target, code: failureCode(error) });
    if (typeof deliver === 'function') {
      const single: Deliverer = async (event) => {
        try {
          await trace.during(event, () => deliver(event));
        } catch (error) {
          failed(error);
          throw error;
        }
        deliveries.inc({ target });
      };
      return single;
    }
    const batch: BatchDeliverer = {
      maxBatch: deliver.maxBatch,
      deliverMany: async (events, scope) => {
        let outcome: BatchOutcome;
        try {
          outcome = await deliver.deliverMany(events, (event, run) => trace.during(event, () => (scope ? scope(event, run) : run())));
        } catch (error) {
          failed(error);
          throw error;
        }
        if (outcome.done > 0) deliveries.inc({ target }, outcome.done);
        if (outcome.error !== undefined) failed(outcome.error);
        return outcome;
      },
    };
    return batch;
  };

  return {
    registry,
    observeRemoteCall: (remote, method, ms, outcome) => {
      latency.observe({ remote, method, outcome }, ms / 1000);
      trace.remoteCall(remote, method, ms, outcome);
    },
    deliverer: wrap as StationMetrics['deliverer'],
    countReadings: (scale) => scale.onReading(() => readings.inc()),
    scrape: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
