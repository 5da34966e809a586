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
    const byId = <T extends { stationId: string }>(items: T[]) => new Map(items.map((item) => [item.stationId, item]));
    const [p, r, c] = [byId(presence), byId(reports), byId(recent)];
    return fleetStationIds(tokens, presence, reports).map((id) => fleetRow(id, p.get(id) ?? null, r.get(id) ?? null, c.get(id) ?? null, now, this.thresholds));
  }

  /** One station's row from its own records: a disconnect (500 of them when a hub stops) must not rebuild the fleet. */
  async row(stationId: string): Promise<FleetStation | null> {
    const now = this.clock.now();
    const [presence, reports, recent] = await Promise.all([
      this.store.presence.list(now, this.staleMs, stationId),
      this.store.reports.latest(stationId),
      this.store.ledger.recent(now - HOUR_MS, stationId),
    ]);
    if (presence.length === 0 && reports.length === 0) return null;
    return fleetRow(stationId, presence[0] ?? null, reports[0] ?? null, recent[0] ?? null, now, this.thresholds);
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
