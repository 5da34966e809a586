import { describe, expect, it } from 'vitest';
import { HOUR_MS, hourBuckets, linearScale, niceTicks, timeTicks } from '../../../../renderer/fleet/charts/chart-scale';
import { lagLines } from '../../../../renderer/fleet/charts/lag-chart.view';
import { parcelStacks } from '../../../../renderer/fleet/charts/parcels-chart.view';

const H0 = Date.UTC(2026, 11, 3, 8);

describe('linearScale', () => {
  it('maps the domain onto the range, inverted ranges included (SVG y grows downwards)', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(100)).toBe(0);
    expect(y(25)).toBe(150);
    expect(linearScale([5, 5], [10, 90])(5)).toBe(10);
  });
});

describe('niceTicks', () => {
  it('counts from 0 in 1/2/5 steps up to a round top at or above the maximum', () => {
    expect(niceTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });

  it('an empty chart still has an axis', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});

describe('hour buckets and time ticks', () => {
  it('buckets start on whole hours and cover the range', () => {
    expect(hourBuckets(H0 + 10 * 60_000, H0 + 2 * HOUR_MS + 1)).toEqual([H0, H0 + HOUR_MS, H0 + 2 * HOUR_MS]);
  });

  it('ticks fall on whole hours, thinned so at most `max` remain', () => {
    expect(timeTicks(H0, H0 + 3 * HOUR_MS)).toEqual([H0, H0 + HOUR_MS, H0 + 2 * HOUR_MS, H0 + 3 * HOUR_MS]);
    const day = timeTicks(H0, H0 + 24 * HOUR_MS);
    expect(day.length).toBeLessThanOrEqual(7);
    expect(day.every((t) => t % (HOUR_MS * 6) === 0)).toBe(true);
    expect(timeTicks(H0 + 1, H0 + HOUR_MS - 1)).toEqual([]);
  });
});

describe('parcelStacks', () => {
  it('gives every hour a value per station (0 where nothing was packed) and the tallest floor total', () => {
    const hourly = [
      { stationId: 'b', hour: H0, parcels: 4, labels: 4 },
      { stationId: 'a', hour: H0, parcels: 3, labels: 3 },
      { stationId: 'a', hour: H0 + 2 * HOUR_MS, parcels: 9, labels: 9 },
    ];
    const { stations, stacks, max } = parcelStacks(hourly, H0, H0 + 2 * HOUR_MS + 5);
    expect(stations).toEqual(['a', 'b']);
    expect(stacks).toEqual([
      { hour: H0, values: [3, 4] },
      { hour: H0 + HOUR_MS, values: [0, 0] },
      { hour: H0 + 2 * HOUR_MS, values: [9, 0] },
    ]);
    expect(max).toBe(9);
  });
});

describe('lagLines', () => {
  it("one line per station for the target, in minutes, oldest first; no pending event is no lag", () => {
    const lag = [
      { stationId: 'a', at: H0 + 120_000, target: 'odoo', oldestPendingAgeMs: 90_000, depth: 2 },
      { stationId: 'a', at: H0, target: 'odoo', oldestPendingAgeMs: null, depth: 0 },
      { stationId: 'b', at: H0, target: 'odoo', oldestPendingAgeMs: 600_000, depth: 5 },
      { stationId: 'a', at: H0, target: 'carrier', oldestPendingAgeMs: 9_999_999, depth: 1 },
    ];
    const { lines, max } = lagLines(lag, 'odoo');
    expect(lines).toEqual([
      { name: 'a', points: [{ at: H0, minutes: 0 }, { at: H0 + 120_000, minutes: 1.5 }] },
      { name: 'b', points: [{ at: H0, minutes: 10 }] },
    ]);
    expect(max).toBe(10);
  });
});
