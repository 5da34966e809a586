/** Business days (Monday to Friday; public holidays are not known to the station) between two calendar dates. */

const DAY_MS = 86_400_000;

const parseDate = (isoDate: string): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m === null ? null : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
};

/** Business days after `from` up to and including `to` (0 when `to` is not after `from`); null for a bad date. */
export function businessDaysBetween(from: string, to: string): number | null {
  const start = parseDate(from);
  const end = parseDate(to);
  if (start === null || end === null) return null;
  let days = 0;
  for (let t = start + DAY_MS; t <= end; t += DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days++;
  }
  return days;
}
