import type { SessionView } from '../../../app/people/person.schema';

export { useSession } from '../state/station-state.context';

/** Nobody is signed in at a station that requires it: the sign-in screen instead of the packing screen. */
export const signInNeeded = (session: SessionView | null): boolean => session !== null && session.signIn === 'required' && session.person === null;

/** The supervisor panel opens for a signed-in supervisor (or a station with sign-in off, which answers for itself). */
export const panelOpen = (session: SessionView | null): boolean => session === null || session.role === 'supervisor';
