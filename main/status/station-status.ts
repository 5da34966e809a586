import type { DeviceHealth, PackingView, PickingCacheStatus, ScaleReading, StationStatus } from '../../app/domain';
import type { OutboxStatusSource } from '../../app/ports';

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
}

/** One snapshot of everything a supervisor needs: what `GET /api/status` and the hub report. */
export function buildStationStatus(src: StatusSources): StationStatus {
  const view = src.view();
  const { sync, deadLetters } = src.outbox.status();
  return {
    stationId: src.stationId,
    at: src.now(),
    machine: { state: view.state, message: view.message },
    picking: view.picking ? { id: view.picking.id, name: view.picking.name } : null,
    sync,
    deadLetters,
    devices: {
      scale: { ...src.scale.health(), lastReading: src.scale.lastReading() },
      scanner: src.scanner.health(),
      labelPrinter: src.labelPrinter.health(),
    },
    ...(src.pickingCache ? { pickingCache: src.pickingCache.status() } : {}),
  };
}
