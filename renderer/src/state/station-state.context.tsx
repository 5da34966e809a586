import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { UiSettings } from '../../../app/ipc/contract';
import type { SessionView } from '../../../app/people/person.schema';
import type { StationLink } from '../bridge/station-api';

interface StationState {
  /** The station's screen settings (`ui:settings`); null until it answers. */
  settings: UiSettings | null;
  /** Who is signed in (`people:session`, pushed on every change); null until the station answers. */
  session: SessionView | null;
}

const StationStateContext = createContext<StationState>({ settings: null, session: null });

export const useUiSettings = (): UiSettings | null => useContext(StationStateContext).settings;
export const useSession = (): SessionView | null => useContext(StationStateContext).session;

/**
 * The station's settings and session, read once for the whole screen and again whenever the link (re)opens (a
 * restarted station may speak another language, or have signed someone out). Every part of the screen that needs them
 * (language, keyboard-wedge timing, sound, sign-in) reads this one copy.
 */
export function StationStateProvider({ station, children }: { station: StationLink; children: ReactNode }) {
  const [settings, setSettings] = useState<UiSettings | null>(null);
  const [session, setSession] = useState<SessionView | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => {
      // Without an answer the screen works on what it has (or the defaults); the link banner reports the outage.
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
  return <StationStateContext.Provider value={{ settings, session }}>{children}</StationStateContext.Provider>;
}
