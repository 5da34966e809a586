import type { Language } from './language';

/**
 * One area's messages in every language. `{name}` is replaced by a parameter; a key with `.one` / `.other` (and any
 * other CLDR plural category) variants is chosen by `Intl.PluralRules` on its `count` parameter. The types make a
 * catalogue incomplete at compile time: de, fr and es must have exactly the English keys.
 */
export type Messages<K extends string> = Readonly<Record<K, string>>;
export type AreaCatalogue<K extends string = string> = Readonly<Record<Language, Messages<K>>>;

export function defineMessages<K extends string>(en: Messages<K>, others: Readonly<Record<Exclude<Language, 'en'>, Messages<K>>>): AreaCatalogue<K> {
  return { en, ...others };
}
