import { GRAMS_PER_OUNCE, GRAMS_PER_POUND } from '../domain/weight-units';
import type { Language, WeightUnits } from './language';

/** Where a number is read: its language (for `Intl`) and, for weights, the warehouse's units. */
export interface Locale {
  language: Language;
  weightUnits: WeightUnits;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, digits: number): Intl.NumberFormat {
  const key = `${language}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format;
}

export const formatNumber = (value: number, language: Language, digits = 0): string => numberFormat(language, digits).format(value);

/**
 * A weight in the warehouse's units. Metric: `850 g`, `1.235 kg` (three decimals match a 1 g division). Imperial:
 * `12.3 oz` below a pound, else `2 lb 3.5 oz`. Negative readings (an unzeroed scale) keep their sign.
 */
export function formatWeight(grams: number, locale: Locale): string {
  const sign = grams < 0 ? '-' : '';
  const g = Math.abs(grams);
  const { language } = locale;
  if (locale.weightUnits === 'metric') {
    return g < 1000 ? `${sign}${formatNumber(Math.round(g), language)} g` : `${sign}${formatNumber(g / 1000, language, 3)} kg`;
  }
  const ounces = g / GRAMS_PER_OUNCE;
  if (g < GRAMS_PER_POUND) return `${sign}${formatNumber(ounces, language, 1)} oz`;
  let pounds = Math.floor(ounces / 16);
  let rest = Math.round((ounces - pounds * 16) * 10) / 10;
  if (rest >= 16) {
    pounds += 1;
    rest = 0;
  }
  return `${sign}${formatNumber(pounds, language)} lb ${formatNumber(rest, language, 1)} oz`;
}

/** Time of day when it is today, else date and time, in the reader's language. */
export function formatDateTime(at: number, language: Language, now: number = Date.now()): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(date)
    : new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** A duration for people: `45 s`, `12 min`, `3 h 5 min`, `2 d` (units are the same symbols in all four languages). */
export function formatDuration(ms: number, language: Language): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${formatNumber(seconds, language)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${formatNumber(minutes, language)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${formatNumber(hours, language)} h ${formatNumber(minutes % 60, language)} min`;
  return `${formatNumber(Math.floor(hours / 24), language)} d`;
}

/**
 * An amount in its currency by `Intl` (`7,58 €`, `$7.58`, `7,58 US$`). Platforms send decimal strings; a malformed
 * currency code, or an amount that is no number, is shown as it came (`7.58 US`).
 */
export function formatMoney(amount: string | number, currency: string, language: Language): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(value);
  } catch {
    return `${formatNumber(value, language, 2)} ${currency}`;
  }
}

/** A calendar day (`2026-12-03`, as the station's day boundaries name it) as a date in the reader's language. */
export function formatDay(day: string, language: Language): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!parts) return day;
  const at = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}
