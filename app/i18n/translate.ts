import type { AreaCatalogue } from './catalogue';
import { formatNumber, formatWeight, type Locale } from './format';
import type { Language, Say, SayParams } from './language';

/** Catalogue keys whose variants are plural categories: `parcels.one`, `parcels.other`, … */
const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const isWeightParam = (name: string): boolean => /G$/.test(name);

/** All areas merged per language; built once by `createTranslator`. */
type Merged = Record<Language, Map<string, string>>;

function merge(areas: readonly AreaCatalogue[]): Merged {
  const merged = { en: new Map(), de: new Map(), fr: new Map(), es: new Map() } as Merged;
  for (const area of areas) {
    for (const language of Object.keys(merged) as Language[]) {
      for (const [key, text] of Object.entries(area[language])) {
        if (merged[language].has(key)) throw new Error(`message key ${key} is defined twice (${language})`);
        merged[language].set(key, text);
      }
    }
  }
  return merged;
}

export interface Translator {
  /** The text in the locale's language, else English, else the key itself (so a missing text is visible, not blank). */
  text(say: Say, locale: Locale): string;
  t(key: string, locale: Locale, params?: SayParams): string;
  has(key: string): boolean;
  keys(language: Language): string[];
}

export function createTranslator(areas: readonly AreaCatalogue[]): Translator {
  const merged = merge(areas);
  const plurals = new Map<Language, Intl.PluralRules>();
  const pluralOf = (language: Language, count: number): string => {
    let rules = plurals.get(language);
    if (!rules) {
      rules = new Intl.PluralRules(language);
      plurals.set(language, rules);
    }
    return rules.select(count);
  };
  const lookup = (language: Language, key: string, params: SayParams): string | undefined => {
    const catalogue = merged[language];
    const count = params.count;
    if (typeof count === 'number' && !catalogue.has(key)) {
      const category = pluralOf(language, count);
      return catalogue.get(`${key}.${category}`) ?? catalogue.get(`${key}.other`);
    }
    return catalogue.get(key);
  };
  const render = (template: string, params: SayParams, locale: Locale): string =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      if (typeof value === 'string') return value;
      if (typeof value === 'object') return text(value, locale);
      if (isWeightParam(name)) return formatWeight(value, locale);
      return formatNumber(value, locale.language, Number.isInteger(value) ? 0 : 2);
    });
  // A function declaration: `render` translates a parameter that is itself a `Say` with it.
  function text(say: Say, locale: Locale): string {
    const params = say.params ?? {};
    const template = lookup(locale.language, say.key, params) ?? lookup('en', say.key, params);
    return template === undefined ? say.key : render(template, params, locale);
  }
  return {
    text,
    t: (key, locale, params = {}) => text({ key, params }, locale),
    has: (key) => merged.en.has(key) || PLURAL_SUFFIXES.some((suffix) => merged.en.has(`${key}.${suffix}`)),
    keys: (language) => [...merged[language].keys()].sort(),
  };
}
