/** A linear map from data values to pixels; a zero-width domain maps everything to the start of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/**
 * Round tick values from 0 to at least `max` (1, 2, 5 × 10ⁿ steps), about `count` of them. The last tick is the
 * axis top, so bars never touch the frame and labels stay round numbers.
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(Number(v.toPrecision(12)));
    if (v >= max) break;
  }
  return ticks;
}

export const HOUR_MS = 3_600_000;

/** Hour starts (UTC hour boundaries, ms) covering `[from, to]`, oldest first. */
export function hourBuckets(from: number, to: number): number[] {
  const hours: number[] = [];
  for (let h = Math.floor(from / HOUR_MS) * HOUR_MS; h <= to; h += HOUR_MS) hours.push(h);
  return hours;
}

/** Evenly spaced time ticks at whole hours (every 1, 2, 3, 6 or 12 h) so at most `max` labels fit. */
export function timeTicks(from: number, to: number, max = 7): number[] {
  const hours = hourBuckets(from, to).filter((h) => h >= from);
  const every = [1, 2, 3, 6, 12, 24].find((n) => Math.ceil(hours.length / n) <= max) ?? 24;
  return hours.filter((h) => Math.round(h / HOUR_MS) % every === 0);
}

/** "2 PM" or "14" (the viewer's locale and time zone): short, so hour labels never run into each other. */
export const hourLabel = (at: number): string => new Date(at).toLocaleTimeString([], { hour: 'numeric' });

/** A distinct, readable color per series on the dark panel (cycled beyond the list). */
const PALETTE = ['#4e9bff', '#f2b705', '#3ccf7a', '#ff7b7f', '#c38bff', '#47d6d6', '#ff9f43', '#a9b3bf'];
export const seriesColor = (index: number): string => PALETTE[index % PALETTE.length] ?? '#a9b3bf';
