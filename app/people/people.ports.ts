import type { Person, PersonRef, SessionView } from './person.schema';

/**
 * People who may sign in: read from Odoo (hr.employee with a badge; supervisors by config or Odoo group) and kept in
 * the station's SQLite so badges work while Odoo is unreachable.
 */
export interface PeopleDirectory {
  /** A cached person by badge (case-insensitive), or null. Never calls Odoo. */
  byBadge(badge: string): Person | null;
  /** Checks a PIN against the cached hash (scrypt); false for a person without one. */
  checkPin(personId: string, pin: string): boolean;
  /** Reads Odoo again and replaces the cache; keeps the old cache when Odoo cannot be read. */
  refresh(): Promise<{ people: number; at: number }>;
}

/**
 * The session the core asks before it writes a record or obeys a supervisor command. `person()` is who is signed in
 * (the station itself when sign-in is off); `isSupervisor()` gates the supervisor panel's channels.
 */
export interface SessionGate {
  view(): SessionView;
  person(): PersonRef | null;
  isSupervisor(): boolean;
  /** Something happened at the bench (a scan, a key): the idle sign-out clock restarts. */
  touch(): void;
}
