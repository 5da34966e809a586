import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { Locale } from '../../../app/i18n/format';
import { useSession, useUiSettings } from '../state/station-state.context';
import { DEFAULT_LOCALE, stationLocale } from './station-locale';

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export const useLocale = (): Locale => useContext(LocaleContext);

/**
 * The station's language and weight units (`ui:settings`), or the signed-in packer's language (`people:session`).
 * `<html lang>` follows, so the browser's hyphenation, spell-checking and screen readers use the right language.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const locale = stationLocale(useUiSettings(), useSession());
  useEffect(() => {
    document.documentElement.lang = locale.language;
  }, [locale.language]);
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}
