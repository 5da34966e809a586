import { describe, expect, it } from 'vitest';
import type { FleetAlert } from '../../../../app/hub/fleet.schema';
import { activeAlerts, alertAge } from '../../../../renderer/fleet/state/fleet-alerts';
import { NOW, row } from './fleet-row.fixture';

const alert = (kind: FleetAlert['kind'], stationId: string, minutesAgo: number): FleetAlert => ({
  kind,
  stationId,
  since: NOW - minutesAgo * 60_000,
  message: `${kind} at ${stationId}`,
});

describe('activeAlerts', () => {
  it("takes each station's alerts from its row (newer than the snapshot), the snapshot's only for stations without a row", () => {
    const snapshot = [alert('offline', 'a', 10), alert('dead_letters', 'ghost', 3)];
    // Station a came back after the snapshot: its pushed row has no alert any more.
    const rows = [row('a'), row('b', { alerts: [alert('printer_fault', 'b', 4)] })];
    expect(activeAlerts(snapshot, rows).map((a) => `${a.kind}:${a.stationId}`)).toEqual(['printer_fault:b', 'dead_letters:ghost']);
  });

  it('orders by kind (offline first, backlog last), then the oldest first; one per kind and station', () => {
    const rows = [
      row('a', { alerts: [alert('backlog', 'a', 30), alert('offline', 'a', 2)] }),
      row('b', { alerts: [alert('offline', 'b', 9), alert('dead_letters', 'b', 1)] }),
    ];
    const snapshot = [alert('offline', 'b', 9)];
    expect(activeAlerts(snapshot, rows).map((a) => `${a.kind}:${a.stationId}`)).toEqual(['offline:b', 'offline:a', 'dead_letters:b', 'backlog:a']);
  });

  it('says how long the condition has held, ticking with the clock', () => {
    const a = alert('offline', 'a', 6);
    expect(alertAge(a, NOW)).toBe('for 6 min');
    expect(alertAge(a, NOW + 60 * 60_000)).toBe('for 1 h 6 min');
  });
});
