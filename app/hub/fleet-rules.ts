import type { DeviceState } from '../domain/device.schema';
import type { StationReport } from './hub-protocol.schema';
import type { PresenceRecord, StoredReport } from './hub.ports';
import type { AlertThresholds, FleetAlert, FleetStation } from './fleet.schema';

/** What the ledger says about a station's recent work (`LedgerStore.recent`). */
export interface RecentCounts {
  lastLabelAt: number | null;
  labels: number;
  parcels: number;
}

const MINUTE = 60_000;

/** A printer that is connecting is on its way back; one in these states cannot print. */
const OUT_OF_ORDER: ReadonlySet<DeviceState> = new Set(['fault', 'disconnected', 'silent']);

/**
 * Since when the label printer has been out of order, by the hub's clock: the station's own `since` is on another
 * clock, so the hub starts counting when it first hears of the fault and keeps that time while the fault lasts.
 */
export function printerFaultSince(prev: number | null, report: StationReport, now: number): number | null {
  if (!OUT_OF_ORDER.has(report.status.devices.labelPrinter.state)) return null;
  return prev ?? now;
}

const minutes = (ms: number): string => `${Math.floor(ms / MINUTE)} min`;

function offlineAlert(stationId: string, presence: PresenceRecord | null, now: number, t: AlertThresholds): FleetAlert[] {
  if (!presence || presence.online || presence.since === null) return [];
  const gone = now - presence.since;
  if (gone <= t.offlineMinutes * MINUTE) return [];
  return [{ kind: 'offline', stationId, since: presence.since, message: `offline for ${minutes(gone)}` }];
}

/**
 * The oldest pending event's age is as the station measured it when it reported; it keeps ageing on the hub's clock
 * until the next report says otherwise.
 */
function backlogAlert(stationId: string, stored: StoredReport | null, now: number, t: AlertThresholds): FleetAlert[] {
  if (!stored) return [];
  const late = stored.report.status.sync
    .filter((s) => s.oldestPendingAgeMs !== null)
    .map((s) => ({ target: s.target, depth: s.depth, since: stored.receivedAt - (s.oldestPendingAgeMs ?? 0) }))
    .filter((s) => now - s.since > t.backlogMinutes * MINUTE)
    .sort((a, b) => a.since - b.since);
  const oldest = late[0];
  if (!oldest) return [];
  const targets = late.map((s) => `${s.target} (${s.depth} waiting)`).join(', ');
  return [{ kind: 'backlog', stationId, since: oldest.since, message: `events waiting over ${minutes(now - oldest.since)}: ${targets}` }];
}

function printerAlert(stationId: string, stored: StoredReport | null, now: number, t: AlertThresholds): FleetAlert[] {
  const since = stored?.printerFaultSince ?? null;
  if (!stored || since === null || now - since <= t.printerFaultMinutes * MINUTE) return [];
  const printer = stored.report.status.devices.labelPrinter;
  const detail = printer.detail ? `: ${printer.detail}` : '';
  return [{ kind: 'printer_fault', stationId, since, message: `label printer ${printer.state} for ${minutes(now - since)}${detail}` }];
}

function deadLetterAlert(stationId: string, stored: StoredReport | null): FleetAlert[] {
  const dead = stored?.report.status.deadLetters ?? [];
  if (dead.length === 0) return [];
  const since = Math.min(...dead.map((d) => d.at));
  return [{ kind: 'dead_letters', stationId, since, message: `${dead.length} dead letter(s)` }];
}

/** One station's fleet row, the same whichever hub builds it: every input comes from the shared store. */
export function fleetRow(
  stationId: string,
  presence: PresenceRecord | null,
  stored: StoredReport | null,
  recent: RecentCounts | null,
  now: number,
  thresholds: AlertThresholds,
): FleetStation {
  return {
    stationId,
    online: presence?.online ?? false,
    since: presence?.since ?? null,
    lastSeenAt: presence?.lastSeenAt ?? null,
    version: presence?.version ?? stored?.report.version ?? null,
    paused: stored?.report.paused ?? null,
    status: stored?.report.status ?? null,
    printerFaultSince: stored?.printerFaultSince ?? null,
    lastLabelAt: recent?.lastLabelAt ?? null,
    labelsLastHour: recent?.labels ?? 0,
    parcelsLastHour: recent?.parcels ?? 0,
    shift: stored?.report.shift ?? null,
    alerts: [
      ...offlineAlert(stationId, presence, now, thresholds),
      ...backlogAlert(stationId, stored, now, thresholds),
      ...printerAlert(stationId, stored, now, thresholds),
      ...deadLetterAlert(stationId, stored),
    ],
  };
}

/** Every station's alerts, oldest condition first: what the floor should look at before anything else. */
export function floorAlerts(rows: readonly FleetStation[]): FleetAlert[] {
  return rows.flatMap((r) => r.alerts).sort((a, b) => a.since - b.since || a.stationId.localeCompare(b.stationId));
}

/**
 * The stations the fleet view lists: every one with a token, a presence or a report, each once, sorted by id.
 */
export function fleetStationIds(...sources: readonly (readonly { stationId: string }[])[]): string[] {
  return [...new Set(sources.flatMap((s) => s.map((r) => r.stationId)))].sort();
}
