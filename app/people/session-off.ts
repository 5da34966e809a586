import { stationPerson, type PersonRef, type SessionView } from './person.schema';
import type { SessionGate } from './people.ports';

/**
 * The session of a station with sign-in off (`people.signIn: "off"`, a one-person bench): the station itself answers
 * for every record and may use the supervisor panel, as before sign-in existed.
 */
export function signInOffSession(stationId: string): SessionGate {
  const person: PersonRef = stationPerson(stationId);
  const view: SessionView = { signIn: 'off', person, role: 'supervisor', language: null, since: null, awaitingPin: null, idleSignOutAt: null, refusal: null };
  return { view: () => view, person: () => person, isSupervisor: () => true, touch: () => undefined };
}
