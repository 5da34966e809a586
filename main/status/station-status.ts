import type { DeviceHealth, PackingView, PickingCacheStatus, ScaleReading, StationStatus, SyncTarget, TargetSyncStatus } from '../../app/domain';
import type { OutboxStatusSource } from '../../app/ports';

/** A remote's request-rate limit as the status reads it (the token bucket in front of that remote). */
export interface RateLimitGauge {
  readonly ratePerSecond: number;
  readonly waiting: number;
}

export interface StatusSources {
  stationId: string;
  now: () => number;
  view: () => PackingView;
  outbox: OutboxStatusSource;
  scale: { health(): DeviceHealth; lastReading(): ScaleReading | null };
  scanner: { health(): DeviceHealth };
  labelPrinter: { health(): DeviceHealth };
  /** The prefetched pickings' freshness; absent where no picking cache is kept. */
  pickingCache?: { status(): PickingCacheStatus };
  /** Each remote's rate limit, where `sync.<target>.rps` sets one. */
  rateLimits?: Partial<Record<SyncTarget, RateLimitGauge | undefined>>;
}

/** One snapshot of everything a supervisor needs: what `GET /api/status` and the hub report. */
export function buildStationStatus(src: StatusSources): StationStatus {
  const view = src.view();
  const { sync, deadLetters } = src.outbox.status();
  return {
    stationId: src.stationId,
    at: src.now(),
    machine: { state: view.state, message: view.message, say: view.say ?? null },
    picking: view.picking ? { id: view.picking.id, name: view.picking.name } : null,
    sync: sync.map((target) => ({ ...target, rateLimited: rateLimited(src.rateLimits?.[target.target]) })),
    deadLetters,
    devices: {
      scale: { ...src.scale.health(), lastReading: src.scale.lastReading() },
      scanner: src.scanner.health(),
      labelPrinter: src.labelPrinter.health(),
    },
    ...(src.pickingCache ? { pickingCache: src.pickingCache.status() } : {}),
  };
}

/** Shown only while the limit holds requests back: a configured limit nobody waits for is no news. */
function rateLimited(limit: RateLimitGauge | undefined): TargetSyncStatus['rateLimited'] {
  return limit !== undefined && limit.waiting > 0 ? { rps: limit.ratePerSecond, waiting: limit.waiting } : null;
}
