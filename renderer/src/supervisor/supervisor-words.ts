import { formatDay, formatMoney } from '../../../app/i18n/format';
import type { Words } from '../i18n/use-t';

/** A moment, or "never" for one that has not happened. */
export const timeOf = (words: Words, at: number | null): string => (at === null ? words.t('common.never') : words.dateTime(at));

export const ageOf = (words: Words, ms: number | null): string => (ms === null ? '—' : words.duration(ms));

/** A platform's amount (a decimal string) in its currency, the way the reader writes money. */
export const moneyOf = (words: Words, amount: string, currency: string): string => formatMoney(amount, currency, words.language);

export const dayOf = (words: Words, day: string): string => formatDay(day, words.language);

/**
 * A value of an open set in words (`supervisor.machine.<state>`): its catalogue entry, else the value itself, so a
 * state a newer core adds shows by its name instead of a key.
 */
export function nameOf(words: Words, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  const named = words.t(key);
  return named === key ? value : named;
}

/** Odoo, the carrier platform, the hub: a sync target by the name the reader knows it. */
export const remoteName = (words: Words, target: string): string => nameOf(words, 'supervisor.remote', target);
