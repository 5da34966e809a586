import { z } from 'zod';
import {
  ExceptionHistoryActionSchema,
  ExceptionStateSchema,
  HubExceptionSchema,
  type ExceptionHistoryAction,
  type ExceptionState,
  type HubException,
} from '../../../app/recon/exception.schema';
import type { SqlClient } from './sql-client';

const ms = z.coerce.number();
const ExceptionRowSchema = z.object({
  id: ms,
  key: z.string(),
  kind: z.string(),
  severity: z.string(),
  source: z.string(),
  state: z.string(),
  station_id: z.string().nullable(),
  picking_id: ms.nullable(),
  picking_name: z.string().nullable(),
  shipment_id: z.string().nullable(),
  tracking_code: z.string().nullable(),
  detail: z.string(),
  amounts: z.unknown(),
  suggested_action: z.unknown(),
  owner: z.string().nullable(),
  reason: z.string().nullable(),
  opened_at: ms,
  updated_at: ms,
  last_seen_at: ms,
  closed_at: ms.nullable(),
});
const HistoryRowSchema = z.object({
  exception_id: ms,
  at: ms,
  by_whom: z.string(),
  action: ExceptionHistoryActionSchema,
  state: ExceptionStateSchema,
  note: z.string().nullable(),
});

export const EXCEPTION_COLUMNS = `id, key, kind, severity, source, state, station_id, picking_id, picking_name, shipment_id, tracking_code,
  detail, amounts, suggested_action, owner, reason, opened_at, updated_at, last_seen_at, closed_at`;

/** A JSON array parameter: PGlite cannot send SQL arrays holding nulls (or the string 'NULL'), JSON it sends whole. */
export const jsonParam = (value: unknown): string => JSON.stringify(value);

/** Reads exceptions by a condition over `hub_exceptions` (newest first unless `tail` orders otherwise), each with its history. */
export async function selectExceptions(q: SqlClient, where: string, params: readonly unknown[], tail = 'ORDER BY opened_at DESC, id DESC'): Promise<HubException[]> {
  const rows = (await q.query(`SELECT ${EXCEPTION_COLUMNS} FROM hub_exceptions WHERE ${where} ${tail}`, params)).map((raw) => ExceptionRowSchema.parse(raw));
  if (rows.length === 0) return [];
  const history = await q.query(
    `SELECT exception_id, at, by_whom, action, state, note FROM hub_exception_history
     WHERE exception_id IN (SELECT (jsonb_array_elements_text($1::jsonb))::bigint) ORDER BY exception_id, id`,
    [jsonParam(rows.map((row) => row.id))],
  );
  const byException = new Map<number, HubException['history']>();
  for (const raw of history) {
    const entry = HistoryRowSchema.parse(raw);
    const list = byException.get(entry.exception_id) ?? [];
    list.push({ at: entry.at, by: entry.by_whom, action: entry.action, state: entry.state, note: entry.note });
    byException.set(entry.exception_id, list);
  }
  return rows.map((row) =>
    HubExceptionSchema.parse({
      id: row.id,
      key: row.key,
      kind: row.kind,
      severity: row.severity,
      source: row.source,
      state: row.state,
      stationId: row.station_id,
      pickingId: row.picking_id,
      pickingName: row.picking_name,
      shipmentId: row.shipment_id,
      trackingCode: row.tracking_code,
      detail: row.detail,
      amounts: row.amounts ?? null,
      suggestedAction: row.suggested_action,
      owner: row.owner,
      reason: row.reason,
      openedAt: row.opened_at,
      updatedAt: row.updated_at,
      lastSeenAt: row.last_seen_at,
      closedAt: row.closed_at,
      history: byException.get(row.id) ?? [],
    }),
  );
}

export interface HistoryLine {
  id: number;
  action: ExceptionHistoryAction;
  state: ExceptionState;
  note: string | null;
}

/** Writes many history lines by one actor at one time in one statement. */
export async function insertHistory(q: SqlClient, lines: readonly HistoryLine[], by: string, at: number): Promise<void> {
  if (lines.length === 0) return;
  await q.query(
    `INSERT INTO hub_exception_history (exception_id, at, by_whom, action, state, note)
     SELECT h.id, $2, $3, h.action, h.state, h.note FROM jsonb_to_recordset($1::jsonb) AS h(id bigint, action text, state text, note text)`,
    [jsonParam(lines), at, by],
  );
}
