import { z } from 'zod';
import { StationError } from '../../../app/domain/errors';
import { applyExceptionAction } from '../../../app/recon/exception-workflow';
import {
  ExceptionActionSchema,
  ExceptionFilterSchema,
  ExceptionKindSchema,
  ExceptionSeveritySchema,
  ExceptionQueueSchema,
  ExceptionStateSchema,
  type ExceptionState,
  type HubException,
} from '../../../app/recon/exception.schema';
import type { ExceptionStore } from '../../../app/recon/recon.ports';
import { insertHistory, jsonParam, selectExceptions, type HistoryLine } from './hub-exception-rows';
import { recordFindings } from './hub-exceptions-record';
import type { SqlClient } from './sql-client';

const ms = z.coerce.number();
const LockedRowSchema = z.object({ id: ms, state: ExceptionStateSchema, owner: z.string().nullable() });
const QueueRowSchema = z.object({ kind: ExceptionKindSchema, open: ms, in_progress: ms, oldest_opened_at: ms.nullable(), severity: ExceptionSeveritySchema });
const closed = (state: ExceptionState) => state === 'resolved' || state === 'ignored';

/** `%text%` for ILIKE, with the pattern characters of `text` taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const lockByIds = async (tx: SqlClient, ids: readonly number[]) =>
  (await tx.query(`SELECT id, state, owner FROM hub_exceptions WHERE id IN (SELECT (jsonb_array_elements_text($1::jsonb))::bigint) ORDER BY id FOR UPDATE`, [jsonParam(ids)])).map(
    (raw) => LockedRowSchema.parse(raw),
  );

/**
 * The fleet's exception queues. Every change to an exception and its history line are written in one transaction,
 * under the exception's row lock, so two supervisors acting at once (or a run recording meanwhile) apply in turn.
 */
export function hubExceptionsStore(db: SqlClient): ExceptionStore {
  const get = async (q: SqlClient, id: number): Promise<HubException | null> => (await selectExceptions(q, 'id = $1', [id]))[0] ?? null;
  return {
    record: async (findings, opts) => db.transaction((tx) => recordFindings(tx, findings, opts)),
    raise: async (finding, by, now) =>
      db.transaction(async (tx) => {
        const { idsByKey } = await recordFindings(tx, [finding], { kinds: [], by, note: null, now });
        const raised = await get(tx, idsByKey[finding.key] ?? 0);
        if (raised === null) throw new Error(`exception ${finding.key} was not recorded`);
        return raised;
      }),
    get: (id) => get(db, id),
    list: async (input) => {
      const filter = ExceptionFilterSchema.parse(input);
      const params: unknown[] = [];
      const where: string[] = ['true'];
      const param = (value: unknown) => `$${params.push(value)}`;
      if (filter.kind !== undefined) where.push(`kind = ${param(filter.kind)}`);
      if (filter.states !== undefined) where.push(`state IN (SELECT jsonb_array_elements_text(${param(jsonParam(filter.states))}::jsonb))`);
      if (filter.owner !== undefined) where.push(`owner = ${param(filter.owner)}`);
      if (filter.stationId !== undefined) where.push(`station_id = ${param(filter.stationId)}`);
      if (filter.ref !== undefined && filter.ref.trim() !== '') {
        const ref = param(contains(filter.ref.trim()));
        where.push(`(picking_name ILIKE ${ref} OR shipment_id ILIKE ${ref} OR tracking_code ILIKE ${ref})`);
      }
      const tail = `ORDER BY opened_at DESC, id DESC LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)}`;
      return selectExceptions(db, where.join(' AND '), params, tail);
    },
    queues: async () => {
      const rows = await db.query(
        `SELECT kind, count(*) FILTER (WHERE state = 'open') AS open, count(*) FILTER (WHERE state = 'in_progress') AS in_progress,
           min(opened_at) FILTER (WHERE state = 'open') AS oldest_opened_at,
           (ARRAY['info', 'warning', 'critical'])[max(CASE severity WHEN 'critical' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END)] AS severity
         FROM hub_exceptions WHERE state IN ('open', 'in_progress') GROUP BY kind`,
      );
      const byKind = new Map(rows.map((raw) => QueueRowSchema.parse(raw)).map((row) => [row.kind, row]));
      return ExceptionKindSchema.options.map((kind) => {
        const row = byKind.get(kind);
        return ExceptionQueueSchema.parse({ kind, open: row?.open ?? 0, inProgress: row?.in_progress ?? 0, oldestOpenedAt: row?.oldest_opened_at ?? null, severity: row?.severity ?? null });
      });
    },
    act: async (ids, input, by, now) => {
      const action = ExceptionActionSchema.parse(input);
      return db.transaction(async (tx) => {
        const unique = [...new Set(ids)];
        const current = new Map((await lockByIds(tx, unique)).map((row) => [row.id, row]));
        const updated: number[] = [];
        const refused: { id: number; why: string }[] = [];
        const changes: { id: number; state: ExceptionState; owner: string | null; reason: string | null }[] = [];
        const history: HistoryLine[] = [];
        for (const id of unique) {
          const row = current.get(id);
          if (row === undefined) {
            refused.push({ id, why: 'no such exception' });
            continue;
          }
          const step = applyExceptionAction(row, action, by);
          if (!step.ok) {
            refused.push({ id, why: step.why });
            continue;
          }
          updated.push(id);
          changes.push({ id, state: step.state, owner: step.owner, reason: step.reason });
          history.push({ id, action: step.history, state: step.state, note: step.note });
        }
        if (changes.length > 0) {
          await tx.query(
            `UPDATE hub_exceptions e SET state = c.state, owner = c.owner, reason = c.reason, updated_at = $2::bigint,
               closed_at = CASE WHEN c.state IN ('resolved', 'ignored') THEN $2::bigint ELSE NULL END
             FROM jsonb_to_recordset($1::jsonb) AS c(id bigint, state text, owner text, reason text) WHERE e.id = c.id`,
            [jsonParam(changes), now],
          );
          await insertHistory(tx, history, by, now);
        }
        return { updated, refused };
      });
    },
    note: async (id, by, note, now, resolve) => {
      await db.transaction(async (tx) => {
        const row = (await lockByIds(tx, [id]))[0];
        if (row === undefined) throw new StationError('NOT_FOUND', `exception ${id} does not exist`);
        const resolving = resolve && !closed(row.state);
        if (resolving) {
          await tx.query(`UPDATE hub_exceptions SET state = 'resolved', reason = $2, closed_at = $3, updated_at = $3 WHERE id = $1`, [id, note, now]);
        }
        await insertHistory(tx, [{ id, action: 'auto_action', state: resolving ? 'resolved' : row.state, note }], by, now);
      });
    },
  };
}
