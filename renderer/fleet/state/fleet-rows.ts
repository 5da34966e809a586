import type { DeviceHealth } from '../../../app/domain/device.schema';
import type { FleetAlert, FleetStation } from '../../../app/hub/fleet.schema';
import { formatAge } from '../../src/state/format';

export type Severity = 'error' | 'warning' | 'ok';

export interface RowHealth {
  severity: Severity;
  /** Short words for what is wrong, most serious first ("offline 12 min", "2 dead letters"). */
  problems: string[];
}

const DEVICE_SEVERITY: Record<DeviceHealth['state'], Severity> = {
  connected: 'ok',
  connecting: 'warning',
  silent: 'warning',
  disconnected: 'error',
  fault: 'error',
};

export const deviceSeverity = (health: DeviceHealth): Severity => DEVICE_SEVERITY[health.state];

/** "4 min ago"; "never" without a time. */
export function formatAgo(at: number | null, now: number): string {
  return at === null ? 'never' : `${formatAge(now - at)} ago`;
}

const OWN_WORDS = new Set<FleetAlert['kind']>(['offline', 'dead_letters', 'printer_fault']);

/** What a supervisor has to act on for one station, worst first; `ok` with no problems when nothing is wrong. */
export function rowHealth(row: FleetStation, now: number): RowHealth {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!row.online) errors.push(row.since === null ? 'never connected' : `offline ${formatAge(now - row.since)}`);
  // The row's own words already say offline (ticking), dead letters and a printer fault; an alert still makes them errors.
  for (const alert of row.alerts) if (!OWN_WORDS.has(alert.kind)) errors.push(alert.message);
  const status = row.status;
  if (status) {
    if (status.storage?.ok === false) errors.push('station database lost');
    if (status.deadLetters.length > 0) errors.push(plural(status.deadLetters.length, 'dead letter'));
    const devices = [
      ['scale', status.devices.scale],
      ['scanner', status.devices.scanner],
      ['label printer', status.devices.labelPrinter],
    ] as const;
    for (const [name, health] of devices) {
      const severity = deviceSeverity(health);
      if (severity !== 'ok') (severity === 'error' ? errors : warnings).push(`${name} ${health.state}`);
    }
    for (const target of status.sync) {
      if (target.unreachableSince !== null) warnings.push(`${target.target} unreachable`);
      else if (target.lastError) warnings.push(`${target.target}: ${clip(target.lastError, ERROR_CHARS)}`);
    }
    const exceptions = status.carrierExceptions?.open ?? 0;
    if (exceptions > 0) warnings.push(plural(exceptions, 'carrier exception'));
  } else if (row.online) {
    warnings.push('no report yet');
  }
  if (row.paused) warnings.push(`paused by ${row.paused.by}`);
  const problems = [...new Set([...errors, ...warnings])];
  const alerted = row.alerts.length > 0;
  return { severity: errors.length > 0 || alerted ? 'error' : warnings.length > 0 ? 'warning' : 'ok', problems };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, ok: 2 };

/** Problems first (errors, then warnings, more problems before fewer), then by station id. */
export function sortStations(rows: readonly FleetStation[], now: number): FleetStation[] {
  const keyed = rows.map((row) => ({ row, health: rowHealth(row, now) }));
  keyed.sort(
    (a, b) =>
      RANK[a.health.severity] - RANK[b.health.severity] ||
      b.health.problems.length - a.health.problems.length ||
      a.row.stationId.localeCompare(b.row.stationId),
  );
  return keyed.map((k) => k.row);
}

/**
 * The filter box: every word must appear somewhere in the row (station id, version, machine state and message,
 * picking, problems), case-insensitive; "offline", "paused", "online" match those states.
 */
export function filterStations(rows: readonly FleetStation[], query: string, now: number): FleetStation[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const text = [
      row.stationId,
      row.version ?? '',
      row.online ? 'online' : 'offline',
      row.paused ? `paused ${row.paused.reason}` : '',
      row.status?.machine.state ?? '',
      row.status?.machine.message ?? '',
      row.status?.picking?.name ?? '',
      ...rowHealth(row, now).problems,
    ]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** Replaces the station's row (or adds it): the hub's push is the whole row. */
export function upsertRow(rows: readonly FleetStation[], row: FleetStation): FleetStation[] {
  const index = rows.findIndex((r) => r.stationId === row.stationId);
  if (index === -1) return [...rows, row];
  const next = [...rows];
  next[index] = row;
  return next;
}

/** A remote's error can be a page long; the grid shows its start, the detail all of it. */
const ERROR_CHARS = 60;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
