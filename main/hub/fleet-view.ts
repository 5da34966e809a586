import type { Server } from 'socket.io';
import type { Clock } from '../../app/ports';
import type { AlertThresholds, FleetStation } from '../../app/hub/fleet.schema';
import { FLEET_EVENTS } from '../../app/hub/fleet.schema';
import type { FleetSnapshot } from '../../app/hub/fleet-api.schema';
import { FLEET_NAMESPACE } from '../../app/hub/hub-protocol.schema';
import type { HubStore } from '../../app/hub/hub.ports';
import { fleetRow, fleetStationIds, floorAlerts } from '../../app/hub/fleet-rules';

export const HOUR_MS = 3_600_000;

/**
 * The fleet as the shared store has it, so every hub answers the same; rows are pushed to every fleet view through
 * the socket.io adapter (all hubs' `/fleet` sockets when Redis joins them).
 */
export class FleetView {
  constructor(
    private readonly store: HubStore,
    private readonly io: Server,
    private readonly thresholds: AlertThresholds,
    private readonly clock: Clock,
    /** Presence held by a hub not heard from for this long counts as offline. */
    private readonly staleMs: number,
  ) {}

  async rows(): Promise<FleetStation[]> {
    const now = this.clock.now();
    const [tokens, presence, reports, recent] = await Promise.all([
      this.store.tokens.list(),
      this.store.presence.list(now, this.staleMs),
      this.store.reports.latest(),
      this.store.ledger.recent(now - HOUR_MS),
    ]);
    return fleetStationIds(tokens, presence, reports).map((id) =>
      fleetRow(
        id,
        presence.find((p) => p.stationId === id) ?? null,
        reports.find((r) => r.stationId === id) ?? null,
        recent.find((r) => r.stationId === id) ?? null,
        now,
        this.thresholds,
      ),
    );
  }

  async row(stationId: string): Promise<FleetStation | null> {
    return (await this.rows()).find((r) => r.stationId === stationId) ?? null;
  }

  async snapshot(hubId: string): Promise<FleetSnapshot> {
    const stations = await this.rows();
    return { hubId, now: this.clock.now(), stations, alerts: floorAlerts(stations) };
  }

  push(row: FleetStation): void {
    this.io.of(FLEET_NAMESPACE).emit(FLEET_EVENTS.station, row);
  }

  /** Pushes the station's row as the store now has it (after a disconnect, a revocation, …). */
  async pushFromStore(stationId: string): Promise<void> {
    const row = await this.row(stationId);
    if (row) this.push(row);
  }
}
