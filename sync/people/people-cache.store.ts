import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { LanguageSchema } from '../../app/i18n/language';
import type { PeopleDirectory } from '../../app/people/people.ports';
import { RoleSchema, type Person } from '../../app/people/person.schema';
import type { Clock, LogSink } from '../../app/ports';
import { statementCache, type StatementCache } from '../db/prepared';
import type { OdooPerson } from '../odoo/people.reader';
import { hashPin, pinMatches } from './pin-hash';

const Row = z.object({
  person_id: z.string(),
  badge: z.string(),
  name: z.string(),
  role: RoleSchema,
  language: LanguageSchema.nullable(),
  pin_hash: z.string().nullable(),
});
type CacheRow = z.infer<typeof Row>;

const toPerson = (row: CacheRow): Person => ({ id: row.person_id, name: row.name, badge: row.badge, role: row.role, language: row.language, hasPin: row.pin_hash !== null });

export interface PeopleCacheOptions {
  /** Reads everyone who may sign in from Odoo (sync/odoo/people.reader.ts). */
  read(): Promise<OdooPerson[]>;
  /** `people.supervisorPinHash`: the PIN of supervisors whose employee record has none. */
  supervisorPinHash: string | null;
  log?: LogSink;
}

/**
 * The people who may sign in, as last read from Odoo, in the station's SQLite (`people_cache`), so badges work while
 * Odoo is unreachable. A refresh replaces the whole cache in one transaction, after Odoo answered: a failed read keeps
 * the cache as it was. Only supervisors' PINs are kept, as scrypt hashes; a packer is never asked for one.
 */
export class PeopleCacheStore implements PeopleDirectory {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly opts: PeopleCacheOptions,
  ) {
    this.sql = statementCache(db);
  }

  byBadge(badge: string): Person | null {
    const row = this.sql.prepare('SELECT * FROM people_cache WHERE badge = ?').get(badge.trim());
    return row === undefined ? null : toPerson(Row.parse(row));
  }

  byId(personId: string): Person | null {
    const row = this.sql.prepare('SELECT * FROM people_cache WHERE person_id = ?').get(personId);
    return row === undefined ? null : toPerson(Row.parse(row));
  }

  checkPin(personId: string, pin: string): boolean {
    const row = this.sql.prepare('SELECT pin_hash FROM people_cache WHERE person_id = ?').get(personId) as { pin_hash: string | null } | undefined;
    return typeof row?.pin_hash === 'string' && pinMatches(pin, row.pin_hash);
  }

  count(): number {
    return (this.sql.prepare('SELECT count(*) AS n FROM people_cache').get() as { n: number }).n;
  }

  async refresh(): Promise<{ people: number; at: number }> {
    const people = await this.opts.read();
    const at = this.clock.now();
    // scrypt is slow on purpose: hash before the transaction, which then holds the write lock for the inserts only.
    const rows = people.map((p) => this.rowOf(p));
    this.db.transaction(() => {
      this.sql.prepare('DELETE FROM people_cache').run();
      const insert = this.sql.prepare(
        'INSERT INTO people_cache (person_id, badge, name, role, language, pin_hash, refreshed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const r of rows) insert.run(r.person_id, r.badge, r.name, r.role, r.language, r.pin_hash, at);
    })();
    return { people: rows.length, at };
  }

  private rowOf(p: OdooPerson): CacheRow {
    const base = { person_id: p.id, badge: p.badge, name: p.name, language: p.language };
    if (p.role === 'packer') return { ...base, role: 'packer', pin_hash: null };
    const pinHash = p.pin !== null ? hashPin(p.pin) : this.opts.supervisorPinHash;
    if (pinHash === null) {
      this.opts.log?.warn({ person: p.id }, 'supervisor without a PIN (none in Odoo, no people.supervisorPinHash): signs in as a packer');
      return { ...base, role: 'packer', pin_hash: null };
    }
    return { ...base, role: 'supervisor', pin_hash: pinHash };
  }
}
