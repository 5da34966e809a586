import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Locale } from '../../../app/i18n/format';
import type { UiSettings } from '../../../app/ipc/contract';
import type { SessionView } from '../../../app/people/person.schema';
import type { StationLink } from '../bridge/station-api';
import { DEFAULT_LOCALE, stationLocale } from './station-locale';

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export const useLocale = (): Locale => useContext(LocaleContext);

/**
 * The station's language and weight units (`ui:settings`) and who is signed in (`people:session`), read again
 * whenever the link (re)opens — a restarted station may speak another language — and on every session change.
 * `<html lang>` follows, so the browser's hyphenation, spell-checking and screen readers use the right language.
 */
export function LocaleProvider({ station, children }: { station: StationLink; children: ReactNode }) {
  const [settings, setSettings] = useState<UiSettings | null>(null);
  const [session, setSession] = useState<SessionView | null>(null);

  useEffect(() => {
    let live = true;
    const read = () => {
      // Without an answer the screen keeps the language it has; the link banner reports the outage.
      station.invoke('ui:settings', undefined).then((next) => live && setSettings(next), () => undefined);
      station.invoke('people:session', undefined).then((next) => live && setSession(next), () => undefined);
    };
    const offSession = station.on('people:session', (next) => setSession(next));
    const offLink = station.onLink((state) => state === 'open' && read());
    if (station.link === 'open') read();
    return () => {
      live = false;
      offSession();
      offLink();
    };
  }, [station]);

  const locale = stationLocale(settings, session);
  useEffect(() => {
    document.documentElement.lang = locale.language;
  }, [locale.language]);

  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}
