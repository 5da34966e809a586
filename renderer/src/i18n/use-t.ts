import { useMemo } from 'react';
import { translator } from '../../../app/i18n/catalogues';
import { formatDateTime, formatDuration, formatNumber, formatWeight, type Locale } from '../../../app/i18n/format';
import type { Say, SayParams } from '../../../app/i18n/language';
import { useLocale } from './locale.context';

/** The reader's words and formats: every text and number a screen shows goes through these. */
export interface Words extends Locale {
  /** A catalogue text; `{name}` parameters as in app/i18n/translate.ts. */
  t(key: string, params?: SayParams): string;
  /** What the core said (a view's `say`, a notice's `noticeSay`). */
  text(say: Say): string;
  /** Grams in the warehouse's units (`850 g`, `1.235 kg`, `12.3 oz`, `2 lb 3.5 oz`), whatever unit the scale speaks. */
  weight(grams: number): string;
  number(value: number, digits?: number): string;
  /** Time of day when today, else date and time. */
  dateTime(at: number): string;
  duration(ms: number): string;
}

export function wordsFor(locale: Locale): Words {
  const { language } = locale;
  return {
    ...locale,
    t: (key, params = {}) => translator.t(key, locale, params),
    text: (say) => translator.text(say, locale),
    weight: (grams) => formatWeight(grams, locale),
    number: (value, digits = 0) => formatNumber(value, language, digits),
    dateTime: (at) => formatDateTime(at, language),
    duration: (ms) => formatDuration(ms, language),
  };
}

export function useT(): Words {
  const { language, weightUnits } = useLocale();
  return useMemo(() => wordsFor({ language, weightUnits }), [language, weightUnits]);
}
