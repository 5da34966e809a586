import { useEffect, useState } from 'react';
import type { SessionView } from '../../../app/people/person.schema';
import type { StationLink } from '../bridge/station-api';

/**
 * Who is signed in: pushed by the core on every change (`people:session`) and read again whenever the link (re)opens.
 * Null until the station answered (or when it has no sign-in to tell of): the screen then gates nothing.
 */
export function useSession(station: StationLink): SessionView | null {
  const [session, setSession] = useState<SessionView | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => station.invoke('people:session', undefined).then((next) => live && setSession(next), () => undefined);
    const offSession = station.on('people:session', (next) => setSession(next));
    const offLink = station.onLink((state) => state === 'open' && void read());
    if (station.link === 'open') void read();
    return () => {
      live = false;
      offSession();
      offLink();
    };
  }, [station]);
  return session;
}

/** Nobody is signed in at a station that requires it: the sign-in screen instead of the packing screen. */
export const signInNeeded = (session: SessionView | null): boolean => session !== null && session.signIn === 'required' && session.person === null;

/** The supervisor panel opens for a signed-in supervisor (or a station with sign-in off, which answers for itself). */
export const panelOpen = (session: SessionView | null): boolean => session === null || session.role === 'supervisor';
