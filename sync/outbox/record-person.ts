import type { SessionGate } from '../../app/people/people.ports';
import type { PersonRef } from '../../app/people/person.schema';

/**
 * Who a record names: whoever is signed in when it is written (the station's session gate implements it). Tools that
 * write without a session (the CLI on a station's database) name nobody: the columns stay NULL.
 */
export type RecordPerson = Pick<SessionGate, 'person'>;

export const nobody: RecordPerson = { person: () => null };

/** The two columns a record keeps of its person: the id and the name at the time. */
export const personColumns = (person: PersonRef | null): { byId: string | null; byName: string | null } => ({
  byId: person?.id ?? null,
  byName: person?.name ?? null,
});
