import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { PersonRef } from '../../app/people/person.schema';
import { personFromLabel, type ShiftEvent, type ShiftRecords } from '../../app/shift/shift-figures';
import { statementCache, type StatementCache } from '../db/prepared';

const ByRowSchema = z.object({ at: z.number(), by_id: z.string().nullable(), by_name: z.string().nullable() });
const PickingRowSchema = ByRowSchema.extend({ started_at: z.number().nullable() });
const AtRowSchema = z.object({ at: z.number() });
const ReprintRowSchema = z.object({ at: z.number(), who: z.string() });
const SessionRowSchema = z.object({ person_id: z.string(), person_name: z.string(), signed_in_at: z.number(), signed_out_at: z.number().nullable() });

const byOf = (row: z.infer<typeof ByRowSchema>): PersonRef | null => (row.by_id && row.by_name ? { id: row.by_id, name: row.by_name } : null);

/**
 * A print job a person had to deal with: it failed, or the printer could not tell whether it printed (whether the
 * question is still open or someone answered it). Counted once per job, at the time it was queued.
 */
const PRINT_FAULTS = `
  SELECT j.created_at AS at FROM print_jobs j WHERE j.created_at BETWEEN @from AND @until
    AND (j.state IN ('failed', 'uncertain')
      OR EXISTS (SELECT 1 FROM print_audit a WHERE a.job_id = j.id AND a.action IN ('confirm-printed', 'confirm-not-printed')))`;

/**
 * What the station database recorded in `[from, until]` for the shift figures (app/shift/shift-figures.ts). Each read
 * goes through a time index (migration 15); the tables are only ever appended to, so nothing here locks for long.
 */
export class ShiftRecordsQuery {
  private readonly sql: StatementCache;

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  read(from: number, until: number): ShiftRecords {
    const window = { from, until };
    const parcels = this.sql
      .prepare(`SELECT packed_at AS at, packed_by_id AS by_id, packed_by AS by_name FROM parcels WHERE packed_at BETWEEN @from AND @until`)
      .all(window)
      .map((raw): ShiftEvent => {
        const row = ByRowSchema.parse(raw);
        return { at: row.at, by: byOf(row) };
      });
    const pickings = this.sql
      .prepare(
        `SELECT packed_at AS at, started_at, packed_by_id AS by_id, packed_by AS by_name FROM pickings_packed WHERE packed_at BETWEEN @from AND @until`,
      )
      .all(window)
      .map((raw) => {
        const row = PickingRowSchema.parse(raw);
        return { at: row.at, startedAt: row.started_at, by: byOf(row) };
      });
    const carrier = this.sql.prepare(`SELECT opened_at AS at FROM carrier_exceptions WHERE opened_at BETWEEN @from AND @until`).all(window);
    const faults = this.sql.prepare(PRINT_FAULTS).all(window);
    const exceptions = [...carrier, ...faults].map((raw): ShiftEvent => ({ at: AtRowSchema.parse(raw).at, by: null }));
    const reprints = this.sql
      .prepare(`SELECT at, who FROM print_audit WHERE action = 'reprint' AND at BETWEEN @from AND @until`)
      .all(window)
      .map((raw): ShiftEvent => {
        const row = ReprintRowSchema.parse(raw);
        return { at: row.at, by: personFromLabel(row.who) };
      });
    const sessions = this.sql
      .prepare(
        `SELECT person_id, person_name, signed_in_at, signed_out_at FROM station_sessions
         WHERE signed_in_at <= @until AND (signed_out_at IS NULL OR signed_out_at >= @from)`,
      )
      .all(window)
      .map((raw) => {
        const row = SessionRowSchema.parse(raw);
        return { person: { id: row.person_id, name: row.person_name }, from: row.signed_in_at, until: row.signed_out_at };
      });
    return { parcels, pickings, exceptions, reprints, sessions };
  }
}
