import type { PersonRef } from '../people/person.schema';
import { ShiftFiguresSchema, type ShiftFigures, type ShiftTotals } from './shift.schema';

export const HOUR_MS = 3_600_000;
/** The station's report to its hub keeps the busiest packers only, so a report stays small however many sign in. */
export const REPORT_PACKERS = 12;
/** Rates never divide by less than this: two parcels in the first minute of a shift are not 120 an hour. */
const MIN_SPAN_MS = HOUR_MS / 4;

/** Something that happened at the bench; `by` is null when the record names nobody (an audit, an exception). */
export interface ShiftEvent {
  at: number;
  by: PersonRef | null;
}

/** What the station recorded in the shift's window, as the station database holds it. */
export interface ShiftRecords {
  parcels: readonly ShiftEvent[];
  /** Pickings finished (`at`) in the window, with when they were first scanned at the bench when known. */
  pickings: readonly (ShiftEvent & { startedAt: number | null })[];
  /** Carrier exceptions raised (set-asides among them) and print faults a person had to deal with. */
  exceptions: readonly ShiftEvent[];
  reprints: readonly ShiftEvent[];
  /** Sign-ins overlapping the window; `until` null while the person is still signed in. */
  sessions: readonly { person: PersonRef; from: number; until: number | null }[];
}

export interface ShiftWindow {
  stationId: string;
  from: number;
  until: number;
  /** Who answers for what names nobody and falls in no sign-in: the station itself with sign-in off, else null. */
  fallback: PersonRef | null;
  /** The busiest packers kept (the hub report keeps a few, the panel more). */
  maxPackers: number;
}

/** The person of an audit's `who` when it is a person's label (`Anna Keller (employee:12)`); null for anything else. */
export function personFromLabel(who: string): PersonRef | null {
  const match = /^(.+) \(([^()\s]+:[^()\s]+)\)$/.exec(who.trim());
  return match ? { id: match[2]!, name: match[1]! } : null;
}

/** Median of the values; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Clock hours (UTC hour boundaries) from the one holding `from` to the one holding `until`: partial hours included. */
export function hourStarts(from: number, until: number): number[] {
  const hours: number[] = [];
  for (let h = Math.floor(from / HOUR_MS) * HOUR_MS; h <= until; h += HOUR_MS) hours.push(h);
  return hours;
}

interface Tally {
  parcels: number;
  pickings: number;
  exceptions: number;
  reprints: number;
  durations: number[];
  first: number;
  last: number;
}
const emptyTally = (): Tally => ({ parcels: 0, pickings: 0, exceptions: 0, reprints: 0, durations: [], first: Infinity, last: -Infinity });

const seen = (t: Tally, at: number): void => {
  t.first = Math.min(t.first, at);
  t.last = Math.max(t.last, at);
};

const rate = (count: number, spanMs: number): number => Math.round((count / (Math.max(MIN_SPAN_MS, spanMs) / HOUR_MS)) * 10) / 10;

const totals = (t: Tally, spanMs: number): ShiftTotals => ({
  parcels: t.parcels,
  pickings: t.pickings,
  parcelsPerHour: rate(t.parcels, spanMs),
  pickingsPerHour: rate(t.pickings, spanMs),
  medianPickingMs: median(t.durations),
  exceptions: t.exceptions,
  reprints: t.reprints,
});

/**
 * The shift's figures, for the station and per packer. A record that names nobody counts for whoever was signed in
 * when it happened (else for `fallback`). Rates divide by the time worked: for the station, from its first activity
 * in the window until now; for a packer, their sign-ins in the window, or (signed in never, e.g. records kept from
 * before sign-in) from their first to their last record — the station's span for the station itself with sign-in off.
 */
export function computeShiftFigures(window: ShiftWindow, records: ShiftRecords): ShiftFigures {
  const { from, until } = window;
  const inWindow = (at: number) => at >= from && at <= until;
  const sessions = records.sessions.filter((s) => s.from <= until && (s.until === null || s.until >= from));
  const signedInAt = (at: number): PersonRef | null => {
    let best: { person: PersonRef; from: number } | null = null;
    for (const s of sessions) if (s.from <= at && (s.until === null || s.until > at) && (best === null || s.from > best.from)) best = s;
    return best?.person ?? null;
  };
  const station = emptyTally();
  const packers = new Map<string, { person: PersonRef; tally: Tally; latest: number }>();
  const tallyOf = (event: ShiftEvent): Tally | null => {
    const person = event.by ?? signedInAt(event.at) ?? window.fallback;
    if (person === null) return null;
    const entry = packers.get(person.id) ?? { person, tally: emptyTally(), latest: event.at };
    packers.set(person.id, entry);
    // Records keep the name of their time: the latest one names the row.
    if (event.at >= entry.latest) Object.assign(entry, { person, latest: event.at });
    return entry.tally;
  };
  const count = (events: readonly ShiftEvent[], field: 'parcels' | 'exceptions' | 'reprints') => {
    for (const event of events.filter((e) => inWindow(e.at))) {
      for (const t of [station, tallyOf(event)]) {
        if (t === null) continue;
        t[field] += 1;
        seen(t, event.at);
      }
    }
  };
  count(records.parcels, 'parcels');
  count(records.exceptions, 'exceptions');
  count(records.reprints, 'reprints');
  for (const picking of records.pickings.filter((p) => inWindow(p.at))) {
    const started = picking.startedAt !== null && picking.startedAt <= picking.at ? picking.startedAt : null;
    for (const t of [station, tallyOf(picking)]) {
      if (t === null) continue;
      t.pickings += 1;
      seen(t, Math.max(from, started ?? picking.at));
      seen(t, picking.at);
      if (started !== null) t.durations.push(picking.at - started);
    }
  }
  for (const s of sessions) seen(station, Math.max(from, s.from));

  const stationSpan = station.first === Infinity ? 0 : until - station.first;
  const sessionSpan = (id: string): number | null => {
    const own = sessions.filter((s) => s.person.id === id);
    if (own.length === 0) return null;
    return own.reduce((sum, s) => sum + Math.max(0, Math.min(until, s.until ?? until) - Math.max(from, s.from)), 0);
  };
  const packerRows = [...packers.values()]
    .map(({ person, tally }) => {
      const span = sessionSpan(person.id) ?? (person.id === window.fallback?.id ? stationSpan : tally.last - tally.first);
      return { person, totals: totals(tally, span) };
    })
    .sort((a, b) => b.totals.parcels - a.totals.parcels || b.totals.pickings - a.totals.pickings || a.person.name.localeCompare(b.person.name))
    .slice(0, window.maxPackers);

  const hours = hourStarts(from, until).map((hourStart) => {
    const inHour = (at: number) => inWindow(at) && at >= hourStart && at < hourStart + HOUR_MS;
    return { hourStart, parcels: records.parcels.filter((p) => inHour(p.at)).length, pickings: records.pickings.filter((p) => inHour(p.at)).length };
  });
  return ShiftFiguresSchema.parse({ stationId: window.stationId, from, until, station: totals(station, stationSpan), packers: packerRows, hours });
}
