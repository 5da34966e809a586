import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { CarrierExceptionSchema } from '../../app/domain/carrier.schema';
import type { CarrierException } from '../../app/domain/carrier.schema';
import { StationError } from '../../app/domain/errors';
import type { CarrierExceptionQueue, CarrierExceptionRaise } from '../../app/carrier.ports';
import { withActionSay } from '../../app/carrier/carrier-actions';
import type { Clock } from '../../app/ports';
import { statementCache } from '../db/prepared';
import type { StatementCache } from '../db/prepared';
import { withStorageErrors } from '../db/sqlite-errors';

const RowSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  picking_id: z.number().int(),
  picking_name: z.string(),
  parcel_index: z.number().int().nullable(),
  detail: z.string(),
  suggested_action: z.string(),
  state: z.string(),
  opened_at: z.number(),
  resolved_at: z.number().nullable(),
  resolved_by: z.string().nullable(),
  resolution: z.string().nullable(),
});
const IdRowSchema = z.object({ id: z.number().int() });
const CountRowSchema = z.object({ n: z.number().int() });

/**
 * The kind, detail and action of a stored row go through the domain schema: a row it refuses is a storage fault. The
 * action is stored in English; it is read back with its catalogue words for the supervisor's language.
 */
function exceptionOf(raw: unknown): CarrierException {
  const row = RowSchema.parse(raw);
  return withActionSay(CarrierExceptionSchema.parse({
    id: row.id,
    kind: row.kind,
    pickingId: row.picking_id,
    pickingName: row.picking_name,
    parcelIndex: row.parcel_index,
    detail: row.detail,
    suggestedAction: row.suggested_action,
    state: row.state,
    openedAt: row.opened_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
  }));
}

const nonBlank = (value: string, what: string): string => {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new StationError('REJECTED', `resolving a carrier exception needs ${what}`);
  return trimmed;
};

/**
 * The carrier exception work queue on the station's database (`carrier_exceptions`, migration 11). One open exception
 * per parcel and kind: raising it again while it is open refreshes what it says and keeps its id and its age, so a
 * parcel refused at every rescan stays one line for the supervisor.
 */
export class SqliteCarrierExceptions implements CarrierExceptionQueue {
  private readonly sql: StatementCache;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.sql = statementCache(db);
  }

  raise(exception: CarrierExceptionRaise): number {
    const row = withStorageErrors('raise carrier exception', () =>
      this.sql
        .prepare(
          `INSERT INTO carrier_exceptions (kind, picking_id, picking_name, parcel_index, detail, suggested_action, opened_at)
           VALUES (@kind, @pickingId, @pickingName, @parcelIndex, @detail, @suggestedAction, @now)
           ON CONFLICT (picking_id, ifnull(parcel_index, 0), kind) WHERE state = 'open'
           DO UPDATE SET picking_name = excluded.picking_name, detail = excluded.detail, suggested_action = excluded.suggested_action
           RETURNING id`,
        )
        .get({
          kind: exception.kind,
          pickingId: exception.pickingId,
          pickingName: exception.pickingName,
          parcelIndex: exception.parcelIndex,
          detail: exception.detail,
          suggestedAction: exception.suggestedAction,
          now: this.now(),
        }),
    );
    return IdRowSchema.parse(row).id;
  }

  /** Open exceptions, oldest first: the queue in the order it should be worked. */
  open(): CarrierException[] {
    return this.read(`SELECT * FROM carrier_exceptions WHERE state = 'open' ORDER BY opened_at, id`);
  }

  /** Resolved exceptions, most recently resolved first. */
  resolved(limit = 50): CarrierException[] {
    return this.read(`SELECT * FROM carrier_exceptions WHERE state = 'resolved' ORDER BY resolved_at DESC, id DESC LIMIT ?`, Math.max(0, Math.floor(limit)));
  }

  /** One exception, open or resolved; null when there is none with this id. */
  get(id: number): CarrierException | null {
    return this.read(`SELECT * FROM carrier_exceptions WHERE id = ?`, id)[0] ?? null;
  }

  openCount(): number {
    return CountRowSchema.parse(this.sql.prepare(`SELECT COUNT(*) AS n FROM carrier_exceptions WHERE state = 'open'`).get()).n;
  }

  resolve(id: number, by: string, resolution: string): boolean {
    const changes = this.write('resolve carrier exception', `WHERE id = @id AND state = 'open'`, { id }, by, resolution);
    return changes === 1;
  }

  resolveParcel(pickingId: number, parcelIndex: number, by: string, resolution: string): number {
    return this.write(
      'resolve carrier exceptions of a parcel',
      `WHERE picking_id = @pickingId AND parcel_index = @parcelIndex AND state = 'open'`,
      { pickingId, parcelIndex },
      by,
      resolution,
    );
  }

  private write(what: string, where: string, params: Record<string, number>, by: string, resolution: string): number {
    const who = nonBlank(by, 'the name of who resolved it');
    const how = nonBlank(resolution, 'what was done');
    return withStorageErrors(what, () =>
      this.sql
        .prepare(`UPDATE carrier_exceptions SET state = 'resolved', resolved_at = @now, resolved_by = @who, resolution = @how ${where}`)
        .run({ ...params, now: this.now(), who, how }),
    ).changes;
  }

  private read(sql: string, ...params: unknown[]): CarrierException[] {
    const rows: unknown[] = withStorageErrors('read carrier exceptions', () => this.sql.prepare(sql).all(...params));
    return rows.map(exceptionOf);
  }

  private now(): number {
    return Math.floor(this.clock.now());
  }
}
