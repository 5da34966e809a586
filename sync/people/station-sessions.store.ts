import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { RoleSchema, type PersonRef, type Role } from '../../app/people/person.schema';
import type { EndedBy } from '../../app/people/session';
import { statementCache, type StatementCache } from '../db/prepared';

const OpenRow = z.object({
  id: z.number().int(),
  person_id: z.string(),
  person_name: z.string(),
  role: RoleSchema,
  signed_in_at: z.number(),
  last_seen_at: z.number().nullable(),
});
export type OpenSession = z.infer<typeof OpenRow>;

/** One row per sign-in (`station_sessions`): who, as what, from when to when, and what ended it. */
export class StationSessionsStore {
  private readonly sql: StatementCache;

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  open(person: PersonRef, role: Role, at: number): number {
    const result = this.sql
      .prepare('INSERT INTO station_sessions (person_id, person_name, role, signed_in_at, last_seen_at) VALUES (?, ?, ?, ?, ?)')
      .run(person.id, person.name, role, at, at);
    return Number(result.lastInsertRowid);
  }

  seen(id: number, at: number): void {
    this.sql.prepare('UPDATE station_sessions SET last_seen_at = ? WHERE id = ? AND signed_out_at IS NULL').run(at, id);
  }

  close(id: number, at: number, by: EndedBy): void {
    this.sql.prepare('UPDATE station_sessions SET signed_out_at = ?, ended_by = ? WHERE id = ? AND signed_out_at IS NULL').run(at, by, id);
  }

  /** The sign-in still open (the newest, should a crash have left more than one). */
  current(): OpenSession | null {
    const row = this.sql.prepare('SELECT id, person_id, person_name, role, signed_in_at, last_seen_at FROM station_sessions WHERE signed_out_at IS NULL ORDER BY id DESC LIMIT 1').get();
    return row === undefined ? null : OpenRow.parse(row);
  }

  /** Ends every open sign-in but `keep`, as of its own last activity: a station that stopped did not stay signed in. */
  closeOthers(keep: number | null, by: EndedBy): void {
    this.sql
      .prepare('UPDATE station_sessions SET signed_out_at = coalesce(last_seen_at, signed_in_at), ended_by = ? WHERE signed_out_at IS NULL AND id IS NOT ?')
      .run(by, keep);
  }

  /** Recent sign-ins, newest first (the supervisor's view of who worked here, and tests). */
  recent(limit = 50): { personId: string; personName: string; role: Role; signedInAt: number; signedOutAt: number | null; endedBy: string | null }[] {
    const rows = this.sql.prepare('SELECT * FROM station_sessions ORDER BY id DESC LIMIT ?').all(limit) as Record<string, unknown>[];
    return rows.map((r) =>
      z
        .object({ person_id: z.string(), person_name: z.string(), role: RoleSchema, signed_in_at: z.number(), signed_out_at: z.number().nullable(), ended_by: z.string().nullable() })
        .transform((x) => ({ personId: x.person_id, personName: x.person_name, role: x.role, signedInAt: x.signed_in_at, signedOutAt: x.signed_out_at, endedBy: x.ended_by }))
        .parse(r),
    );
  }
}
