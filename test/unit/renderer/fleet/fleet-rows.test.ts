import { describe, expect, it } from 'vitest';
import { filterStations, formatAgo, rowHealth, sortStations, upsertRow } from '../../../../renderer/fleet/state/fleet-rows';
import { NOW, row, status } from './fleet-row.fixture';

const ids = (rows: { stationId: string }[]) => rows.map((r) => r.stationId);

describe('rowHealth', () => {
  it('a connected station with working devices and nothing pending has no problem', () => {
    expect(rowHealth(row('a'), NOW)).toEqual({ severity: 'ok', problems: [] });
  });

  it('an offline station is an error, with how long it has been offline on the clock given', () => {
    const health = rowHealth(row('a', { online: false, since: NOW - 12 * 60_000 }), NOW);
    expect(health.severity).toBe('error');
    expect(health.problems[0]).toBe('offline 12 min');
    expect(rowHealth(row('a', { online: false, since: NOW - 12 * 60_000 }), NOW + 60 * 60_000).problems[0]).toBe('offline 1 h 12 min');
    expect(rowHealth(row('a', { online: false, since: null, status: null }), NOW).problems).toEqual(['never connected']);
  });

  it('dead letters and a faulty printer are errors; a silent scanner, carrier exceptions, an unreachable remote and a pause are warnings', () => {
    const base = status();
    const broken = row('a', {
      status: status({
        deadLetters: [{ id: 1, eventId: 7, target: 'odoo', orderKey: 'p:1', reason: 'x', at: NOW }],
        devices: { ...base.devices, labelPrinter: { state: 'fault', detail: 'paper out', since: NOW } },
      }),
    });
    expect(rowHealth(broken, NOW)).toEqual({ severity: 'error', problems: ['1 dead letter', 'label printer fault'] });

    const worrying = row('b', {
      paused: { by: 'sam', reason: 'stock count', at: NOW },
      status: status({
        devices: { ...base.devices, scanner: { state: 'silent', since: NOW } },
        carrierExceptions: { open: 2 },
        sync: [{ target: 'carrier', depth: 3, oldestPendingAgeMs: 1000, lastSuccessAt: null, lastError: null, unreachableSince: NOW - 5000 }],
      }),
    });
    expect(rowHealth(worrying, NOW)).toEqual({
      severity: 'warning',
      problems: ['scanner silent', 'carrier unreachable', '2 carrier exceptions', 'paused by sam'],
    });
  });

  it("a remote's long error is cut short in the grid", () => {
    const long = `NOT_FOUND: ${'x'.repeat(200)}`;
    const [problem] = rowHealth(row('a', { status: status({ sync: [{ target: 'odoo', depth: 0, oldestPendingAgeMs: null, lastSuccessAt: null, lastError: long, unreachableSince: null }] }) }), NOW).problems;
    expect(problem).toHaveLength('odoo: '.length + 60);
    expect(problem).toMatch(/^odoo: NOT_FOUND: x+…$/);
  });

  it("the hub's alerts for the station are errors, named by their message", () => {
    const alerted = row('a', { alerts: [{ kind: 'backlog', stationId: 'a', since: NOW - 20 * 60_000, message: 'odoo backlog 20 min old' }] });
    expect(rowHealth(alerted, NOW)).toEqual({ severity: 'error', problems: ['odoo backlog 20 min old'] });
  });

  it('an offline, dead-letter or printer alert adds no second wording of what the row already says', () => {
    const offline = row('a', {
      online: false,
      since: NOW - 7 * 60_000,
      alerts: [{ kind: 'offline', stationId: 'a', since: NOW - 7 * 60_000, message: 'offline for 7 min' }],
    });
    expect(rowHealth(offline, NOW)).toEqual({ severity: 'error', problems: ['offline 7 min'] });
  });

  it('an online station that has not reported yet is a warning', () => {
    expect(rowHealth(row('a', { status: null }), NOW)).toEqual({ severity: 'warning', problems: ['no report yet'] });
  });
});

describe('sortStations', () => {
  it('puts errors first, then warnings, more problems before fewer, then by station id', () => {
    const rows = [
      row('a-ok'),
      row('b-paused', { paused: { by: 'x', reason: 'y', at: NOW } }),
      row('c-offline', { online: false, since: NOW - 60_000 }),
      row('d-offline-paused', { online: false, since: NOW - 60_000, paused: { by: 'x', reason: 'y', at: NOW } }),
      row('e-ok'),
      row('f-offline', { online: false, since: NOW - 120_000 }),
    ];
    expect(ids(sortStations(rows, NOW))).toEqual(['d-offline-paused', 'c-offline', 'f-offline', 'b-paused', 'a-ok', 'e-ok']);
  });

  it('does not reorder its input', () => {
    const rows = [row('b'), row('a')];
    sortStations(rows, NOW);
    expect(ids(rows)).toEqual(['b', 'a']);
  });
});

describe('filterStations', () => {
  const rows = [
    row('bench-01', { status: status({ picking: { id: 1, name: 'WH/OUT/00042' } }) }),
    row('bench-02', { online: false, since: NOW - 60_000 }),
    row('dock-01', { paused: { by: 'sam', reason: 'stock count', at: NOW } }),
  ];

  it('matches every word anywhere in the row, case-insensitive; an empty query keeps all', () => {
    expect(ids(filterStations(rows, '', NOW))).toEqual(['bench-01', 'bench-02', 'dock-01']);
    expect(ids(filterStations(rows, 'BENCH', NOW))).toEqual(['bench-01', 'bench-02']);
    expect(ids(filterStations(rows, 'out/00042', NOW))).toEqual(['bench-01']);
    expect(ids(filterStations(rows, 'bench offline', NOW))).toEqual(['bench-02']);
    expect(ids(filterStations(rows, 'paused stock', NOW))).toEqual(['dock-01']);
    expect(ids(filterStations(rows, 'nothing-like-this', NOW))).toEqual([]);
  });
});

describe('upsertRow', () => {
  it("replaces the station's row in place, or appends a new station", () => {
    const rows = [row('a'), row('b')];
    const replaced = upsertRow(rows, row('a', { online: false }));
    expect(ids(replaced)).toEqual(['a', 'b']);
    expect(replaced[0]?.online).toBe(false);
    expect(rows[0]?.online).toBe(true);
    expect(ids(upsertRow(rows, row('c')))).toEqual(['a', 'b', 'c']);
  });
});

describe('formatAgo', () => {
  it('says how long ago, or never', () => {
    expect(formatAgo(NOW - 4 * 60_000, NOW)).toBe('4 min ago');
    expect(formatAgo(NOW - 30_000, NOW)).toBe('30 s ago');
    expect(formatAgo(null, NOW)).toBe('never');
  });
});
