import { describe, expect, it } from 'vitest';
import { fleetRow, fleetStationIds, floorAlerts, printerFaultSince } from '../../../../app/hub/fleet-rules';
import { AlertThresholdsSchema, FleetStationSchema } from '../../../../app/hub/fleet.schema';
import type { PresenceRecord, StoredReport } from '../../../../app/hub/hub.ports';
import { stationReport } from '../../../support/station-report';

const MIN = 60_000;
const NOW = 1_800_000_000_000;
const T = AlertThresholdsSchema.parse({}); // offline 5, backlog 15, printer 3 minutes

const presence = (patch: Partial<PresenceRecord> = {}): PresenceRecord => ({
  stationId: 'st-1',
  online: true,
  since: NOW - 30 * MIN,
  lastSeenAt: NOW - 1000,
  hubId: 'hub-1',
  version: '1.4.0',
  ...patch,
});
const stored = (patch: Partial<StoredReport> = {}, status: Parameters<typeof stationReport>[2] = {}): StoredReport => ({
  stationId: 'st-1',
  report: stationReport('st-1', NOW - 2000, status),
  receivedAt: NOW - 1000,
  printerFaultSince: null,
  ...patch,
});
const kinds = (row: ReturnType<typeof fleetRow>) => row.alerts.map((a) => a.kind);

describe('fleetRow', () => {
  it('a healthy online station has no alerts and carries its report, counts and presence', () => {
    const row = fleetRow('st-1', presence(), stored(), { lastLabelAt: NOW - 5 * MIN, labels: 12, parcels: 11 }, NOW, T);
    expect(FleetStationSchema.parse(row)).toEqual(row);
    expect(row).toMatchObject({ online: true, since: NOW - 30 * MIN, version: '1.4.0', labelsLastHour: 12, parcelsLastHour: 11, lastLabelAt: NOW - 5 * MIN, alerts: [] });
    expect(row.status?.stationId).toBe('st-1');
  });

  it('a station known only by its token is offline since never, without an offline alert', () => {
    const row = fleetRow('st-9', null, null, null, NOW, T);
    expect(row).toMatchObject({ online: false, since: null, status: null, version: null, labelsLastHour: 0, alerts: [] });
  });

  it('offline counts only past offlineMinutes', () => {
    expect(kinds(fleetRow('st-1', presence({ online: false, since: NOW - 5 * MIN }), null, null, NOW, T))).toEqual([]);
    const row = fleetRow('st-1', presence({ online: false, since: NOW - 6 * MIN }), null, null, NOW, T);
    expect(row.alerts).toEqual([{ kind: 'offline', stationId: 'st-1', since: NOW - 6 * MIN, message: 'offline for 6 min' }]);
  });

  it('backlog: the oldest pending event on any target, ageing on the hub clock since the report', () => {
    const sync = (ageMin: number | null) => [
      { target: 'odoo' as const, depth: 0, oldestPendingAgeMs: null, lastSuccessAt: null, lastError: null, unreachableSince: null },
      { target: 'carrier' as const, depth: 4, oldestPendingAgeMs: ageMin === null ? null : ageMin * MIN, lastSuccessAt: null, lastError: null, unreachableSince: null },
    ];
    expect(kinds(fleetRow('st-1', presence(), stored({ receivedAt: NOW }, { sync: sync(14) }), null, NOW, T))).toEqual([]);
    // 14 minutes old when reported 2 minutes ago: 16 minutes now.
    const row = fleetRow('st-1', presence(), stored({ receivedAt: NOW - 2 * MIN }, { sync: sync(14) }), null, NOW, T);
    expect(row.alerts).toEqual([{ kind: 'backlog', stationId: 'st-1', since: NOW - 16 * MIN, message: 'events waiting over 16 min: carrier (4 waiting)' }]);
    expect(kinds(fleetRow('st-1', presence(), stored({}, { sync: sync(null) }), null, NOW, T))).toEqual([]);
  });

  it('printer fault counts from the hub-side since, past printerFaultMinutes', () => {
    const fault = { devices: { ...stationReport('x', NOW).status.devices, labelPrinter: { state: 'fault' as const, detail: 'paper_out', since: 1 } } };
    expect(kinds(fleetRow('st-1', presence(), stored({ printerFaultSince: NOW - 3 * MIN }, fault), null, NOW, T))).toEqual([]);
    const row = fleetRow('st-1', presence(), stored({ printerFaultSince: NOW - 4 * MIN }, fault), null, NOW, T);
    expect(row.printerFaultSince).toBe(NOW - 4 * MIN);
    expect(row.alerts).toEqual([{ kind: 'printer_fault', stationId: 'st-1', since: NOW - 4 * MIN, message: 'label printer fault for 4 min: paper_out' }]);
  });

  it('dead letters alert at once, since the oldest one', () => {
    const dead = [
      { id: 1, eventId: 3, target: 'odoo', orderKey: 'picking:1', reason: 'AccessError', at: NOW - 9 * MIN },
      { id: 2, eventId: 4, target: 'odoo', orderKey: 'picking:2', reason: 'AccessError', at: NOW - 2 * MIN },
    ];
    const row = fleetRow('st-1', presence(), stored({}, { deadLetters: dead }), null, NOW, T);
    expect(row.alerts).toEqual([{ kind: 'dead_letters', stationId: 'st-1', since: NOW - 9 * MIN, message: '2 dead letter(s)' }]);
  });

  it('thresholds come from the config', () => {
    const strict = AlertThresholdsSchema.parse({ offlineMinutes: 1 });
    expect(kinds(fleetRow('st-1', presence({ online: false, since: NOW - 2 * MIN }), null, null, NOW, strict))).toEqual(['offline']);
  });
});

describe('printerFaultSince', () => {
  const withPrinter = (state: 'connected' | 'connecting' | 'fault' | 'disconnected' | 'silent') => {
    const r = stationReport('st-1', NOW);
    return { ...r, status: { ...r.status, devices: { ...r.status.devices, labelPrinter: { state, since: 5 } } } };
  };
  it('starts on the hub clock, keeps its start while the fault lasts, clears when the printer is back', () => {
    expect(printerFaultSince(null, withPrinter('fault'), NOW)).toBe(NOW);
    expect(printerFaultSince(NOW - MIN, withPrinter('silent'), NOW)).toBe(NOW - MIN);
    expect(printerFaultSince(NOW - MIN, withPrinter('disconnected'), NOW)).toBe(NOW - MIN);
    expect(printerFaultSince(NOW - MIN, withPrinter('connected'), NOW)).toBeNull();
    expect(printerFaultSince(null, withPrinter('connecting'), NOW)).toBeNull();
  });
});

describe('floorAlerts and fleetStationIds', () => {
  it('lists every station’s alerts, oldest first', () => {
    const a = fleetRow('st-a', presence({ stationId: 'st-a', online: false, since: NOW - 10 * MIN }), null, null, NOW, T);
    const b = fleetRow('st-b', presence({ stationId: 'st-b', online: false, since: NOW - 20 * MIN }), null, null, NOW, T);
    const c = fleetRow('st-c', presence({ stationId: 'st-c' }), null, null, NOW, T);
    expect(floorAlerts([a, b, c]).map((x) => x.stationId)).toEqual(['st-b', 'st-a']);
  });
  it('merges the ids of every source, once each, sorted', () => {
    expect(fleetStationIds([{ stationId: 'b' }, { stationId: 'a' }], [{ stationId: 'a' }], [{ stationId: 'c' }])).toEqual(['a', 'b', 'c']);
  });
});
