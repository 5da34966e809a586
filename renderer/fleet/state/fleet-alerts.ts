import type { AlertKind, FleetAlert, FleetStation } from '../../../app/hub/fleet.schema';
import { formatAge } from '../../src/state/format';

export const ALERT_TITLE: Record<AlertKind, string> = {
  offline: 'Station offline',
  backlog: 'Sync backlog',
  printer_fault: 'Printer fault unattended',
  dead_letters: 'Dead letters',
};

const ORDER: Record<AlertKind, number> = { offline: 0, printer_fault: 1, dead_letters: 2, backlog: 3 };

/**
 * The alerts to show: each row's own alerts (rows pushed after the snapshot are newer than its list), and the
 * snapshot's alerts for stations that have no row. One per kind and station; by kind, then the oldest first.
 */
export function activeAlerts(snapshotAlerts: readonly FleetAlert[], rows: readonly FleetStation[]): FleetAlert[] {
  const withRow = new Set(rows.map((r) => r.stationId));
  const all = [...rows.flatMap((r) => r.alerts), ...snapshotAlerts.filter((a) => !withRow.has(a.stationId))];
  const unique = new Map<string, FleetAlert>();
  for (const alert of all) {
    const key = `${alert.kind}\u0000${alert.stationId}`;
    const seen = unique.get(key);
    if (!seen || alert.since < seen.since) unique.set(key, alert);
  }
  return [...unique.values()].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.since - b.since || a.stationId.localeCompare(b.stationId));
}

/** "for 12 min" — how long the condition has held. */
export const alertAge = (alert: FleetAlert, now: number): string => `for ${formatAge(now - alert.since)}`;
