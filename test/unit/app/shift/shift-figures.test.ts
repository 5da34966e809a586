import { describe, expect, it } from 'vitest';
import { computeShiftFigures, hourStarts, median, personFromLabel, type ShiftRecords, type ShiftWindow } from '../../../../app/shift/shift-figures';
import { personLabel, stationPerson } from '../../../../app/people/person.schema';

const H = 3_600_000;
const M = 60_000;
/** 08:00 UTC on a day: the shift below runs 08:00–16:00 and "now" is 12:30. */
const DAY = Date.UTC(2025, 2, 3);
const at = (hours: number, minutes = 0) => DAY + hours * H + minutes * M;
const anna = { id: 'employee:1', name: 'Anna' };
const ben = { id: 'employee:2', name: 'Ben' };
const none: ShiftRecords = { parcels: [], pickings: [], exceptions: [], reprints: [], sessions: [] };
const window = (over: Partial<ShiftWindow> = {}): ShiftWindow => ({ stationId: 'bench-1', from: at(4, 30), until: at(12, 30), fallback: null, maxPackers: 10, ...over });

describe('median', () => {
  it('is the middle value, the mean of the two middle ones for an even count, null for none', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 10, 2])).toBe(3);
  });
});

describe('hour buckets', () => {
  it('cover the clock hours from the one holding the start to the one holding the end, partial ones included', () => {
    expect(hourStarts(at(8, 45), at(11, 10))).toEqual([at(8), at(9), at(10), at(11)]);
    expect(hourStarts(at(9), at(9))).toEqual([at(9)]);
  });
});

describe('personFromLabel', () => {
  it('reads back the label an audit keeps, and nothing else', () => {
    expect(personFromLabel(personLabel(anna))).toEqual(anna);
    expect(personFromLabel(personLabel({ id: 'station:bench (2)', name: 'x' }))).toBeNull();
    expect(personFromLabel('packer at the station')).toBeNull();
    expect(personFromLabel('Anna Keller (employee:12)')).toEqual({ id: 'employee:12', name: 'Anna Keller' });
  });
});

describe('computeShiftFigures', () => {
  it('an empty shift: zeros, no median, no packers, an empty bar per hour', () => {
    const figures = computeShiftFigures(window(), none);
    expect(figures.station).toEqual({ parcels: 0, pickings: 0, parcelsPerHour: 0, pickingsPerHour: 0, medianPickingMs: null, exceptions: 0, reprints: 0 });
    expect(figures.packers).toEqual([]);
    expect(figures.hours.map((h) => h.hourStart)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12].map((h) => at(h)));
    expect(figures.hours.every((h) => h.parcels === 0 && h.pickings === 0)).toBe(true);
    expect(figures).toMatchObject({ stationId: 'bench-1', from: at(4, 30), until: at(12, 30) });
  });

  it('per packer and for the station: counts, medians, rates over the time worked, per-hour bars with partial hours', () => {
    const records: ShiftRecords = {
      ...none,
      // Anna: 10:00–11:00 signed in, three pickings of one parcel each (4, 6, 10 min); Ben from 11:00, still signed in.
      sessions: [
        { person: anna, from: at(10), until: at(11) },
        { person: ben, from: at(11), until: null },
      ],
      pickings: [
        { at: at(10, 4), startedAt: at(10), by: anna },
        { at: at(10, 20), startedAt: at(10, 14), by: anna },
        { at: at(10, 50), startedAt: at(10, 40), by: anna },
        { at: at(12, 10), startedAt: at(12), by: ben },
      ],
      parcels: [
        { at: at(10, 3), by: anna },
        { at: at(10, 19), by: anna },
        { at: at(10, 49), by: anna },
        { at: at(12, 5), by: ben },
        { at: at(12, 8), by: ben },
        // Before the window: not counted anywhere.
        { at: at(3), by: anna },
      ],
      // Records naming nobody count for whoever was signed in then.
      exceptions: [{ at: at(10, 30), by: null }, { at: at(12, 1), by: null }],
      reprints: [{ at: at(12, 9), by: ben }, { at: at(9), by: null }],
    };
    const figures = computeShiftFigures(window(), records);
    // The station began at 09:00 (a reprint nobody was signed in for): 3.5 h to 12:30.
    expect(figures.station).toEqual({
      parcels: 5,
      pickings: 4,
      parcelsPerHour: 1.4,
      pickingsPerHour: 1.1,
      medianPickingMs: 8 * M,
      exceptions: 2,
      reprints: 2,
    });
    expect(figures.packers).toEqual([
      { person: anna, totals: { parcels: 3, pickings: 3, parcelsPerHour: 3, pickingsPerHour: 3, medianPickingMs: 6 * M, exceptions: 1, reprints: 0 } },
      // Ben: signed in 11:00 → now (1.5 h).
      { person: ben, totals: { parcels: 2, pickings: 1, parcelsPerHour: 1.3, pickingsPerHour: 0.7, medianPickingMs: 10 * M, exceptions: 1, reprints: 1 } },
    ]);
    const bars = Object.fromEntries(figures.hours.map((h) => [(h.hourStart - DAY) / H, [h.parcels, h.pickings]]));
    expect(bars).toMatchObject({ 4: [0, 0], 9: [0, 0], 10: [3, 3], 11: [0, 0], 12: [2, 1] });
  });

  it('without sign-ins a packer works from their first record to their last; the station itself (sign-in off) the whole span', () => {
    const station = stationPerson('bench-1');
    const records: ShiftRecords = {
      ...none,
      parcels: [
        { at: at(11), by: station },
        { at: at(11, 30), by: station },
        { at: at(12), by: anna },
        { at: at(12, 20), by: anna },
      ],
      // Nobody named and no sign-in: the fallback (the station with sign-in off) answers for it.
      exceptions: [{ at: at(11, 40), by: null }],
    };
    const figures = computeShiftFigures(window({ fallback: station }), records);
    expect(figures.station).toMatchObject({ parcels: 4, parcelsPerHour: 2.7, exceptions: 1 });
    const rows = Object.fromEntries(figures.packers.map((p) => [p.person.id, p.totals]));
    // The station: 11:00 → 12:30 (1.5 h). Anna: her first to her last record, 12:00 → 12:20 (20 min).
    expect(rows[station.id]).toMatchObject({ parcels: 2, parcelsPerHour: 1.3, exceptions: 1 });
    expect(rows[anna.id]).toMatchObject({ parcels: 2, parcelsPerHour: 6, exceptions: 0 });
  });

  it('a single record is not an hour-long rate of sixty: rates divide by at least a quarter hour', () => {
    const figures = computeShiftFigures(window(), { ...none, parcels: [{ at: at(12, 29), by: anna }] });
    expect(figures.station.parcelsPerHour).toBe(4);
    expect(figures.packers[0]!.totals.parcelsPerHour).toBe(4);
  });

  it('keeps the busiest packers only, named as their latest record names them; pickings without a start have no time', () => {
    const people = Array.from({ length: 5 }, (_, i) => ({ id: `employee:${i}`, name: `P${i}` }));
    const parcels = people.flatMap((p, i) => Array.from({ length: i + 1 }, (_, k) => ({ at: at(11, k), by: p })));
    const renamed = { id: 'employee:4', name: 'P4 renamed' };
    const figures = computeShiftFigures(window({ maxPackers: 2 }), {
      ...none,
      parcels: [...parcels, { at: at(12), by: renamed }],
      pickings: [{ at: at(12), startedAt: null, by: renamed }, { at: at(12, 5), startedAt: at(12, 10), by: renamed }],
    });
    expect(figures.packers.map((p) => p.person)).toEqual([renamed, people[3]]);
    expect(figures.packers[0]!.totals.medianPickingMs).toBeNull();
    expect(figures.station.parcels).toBe(16);
  });
});
