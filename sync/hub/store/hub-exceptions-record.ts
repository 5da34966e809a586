import { z } from 'zod';
import { ExceptionFindingSchema, type ExceptionFinding, type ExceptionKind, type ExceptionState } from '../../../app/recon/exception.schema';
import type { ExceptionRecordOutcome } from '../../../app/recon/recon.ports';
import { insertHistory, jsonParam, type HistoryLine } from './hub-exception-rows';
import type { SqlClient } from './sql-client';

const ms = z.coerce.number();
const KnownRowSchema = z.object({ id: ms, key: z.string(), state: z.enum(['open', 'in_progress', 'resolved', 'ignored']) });
const IdKeySchema = KnownRowSchema.pick({ id: true, key: true });
type Known = z.infer<typeof KnownRowSchema>;

/** The findings as one JSON recordset: every column of a finding, the nullable ones null rather than absent. */
const FINDINGS = `jsonb_to_recordset($1::jsonb) AS f(key text, kind text, severity text, source text, "stationId" text, "pickingId" bigint,
  "pickingName" text, "shipmentId" text, "trackingCode" text, detail text, amounts jsonb, "suggestedAction" jsonb)`;

const lockKnown = async (tx: SqlClient, keys: readonly string[]): Promise<Known[]> =>
  (await tx.query(`SELECT id, key, state FROM hub_exceptions WHERE key IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY id FOR UPDATE`, [jsonParam(keys)])).map(
    (raw) => KnownRowSchema.parse(raw),
  );

export interface RecordOptions {
  /** Kinds whose open reconciliation exceptions not found now are resolved automatically ([] for none). */
  kinds: readonly ExceptionKind[];
  by: string;
  note: string | null;
  now: number;
}

/**
 * One run's findings, inside the caller's transaction, in a fixed number of statements whatever their count: lock the
 * known keys, insert the new, refresh the known (a resolved one reopens), resolve what was not found, write history.
 */
export async function recordFindings(
  tx: SqlClient,
  findings: readonly ExceptionFinding[],
  opts: RecordOptions,
): Promise<ExceptionRecordOutcome> {
  // The same key twice in one run is one exception seen once: the last finding describes it.
  const batch = [...new Map(findings.map((finding) => [finding.key, ExceptionFindingSchema.parse(finding)])).values()];
  const keys = batch.map((finding) => finding.key);
  const known = new Map((await lockKnown(tx, keys)).map((row) => [row.key, row]));
  const idByKey = new Map<string, number>([...known.values()].map((row) => [row.key, row.id]));
  const opened: number[] = [];
  const fresh = batch.filter((finding) => !known.has(finding.key));
  if (fresh.length > 0) {
    const inserted = await tx.query(
      `INSERT INTO hub_exceptions (key, kind, severity, source, state, station_id, picking_id, picking_name, shipment_id, tracking_code,
         detail, amounts, suggested_action, opened_at, updated_at, last_seen_at)
       SELECT f.key, f.kind, f.severity, f.source, 'open', f."stationId", f."pickingId", f."pickingName", f."shipmentId", f."trackingCode",
         f.detail, NULLIF(f.amounts, 'null'::jsonb), f."suggestedAction", $2::bigint, $2::bigint, $2::bigint
       FROM ${FINDINGS}
       ON CONFLICT (key) DO NOTHING RETURNING id, key`,
      [jsonParam(fresh), opts.now],
    );
    for (const row of inserted.map((raw) => IdKeySchema.parse(raw))) {
      opened.push(row.id);
      idByKey.set(row.key, row.id);
    }
    if (inserted.length < fresh.length) {
      // Another writer (a station's raise) inserted some of these keys meanwhile: they are known ones now.
      const raced = await lockKnown(tx, fresh.filter((f) => !idByKey.has(f.key)).map((f) => f.key));
      for (const row of raced) {
        known.set(row.key, row);
        idByKey.set(row.key, row.id);
      }
    }
  }
  const again = batch.filter((finding) => known.has(finding.key));
  if (again.length > 0) {
    await tx.query(
      `UPDATE hub_exceptions e SET severity = f.severity, detail = f.detail, amounts = NULLIF(f.amounts, 'null'::jsonb),
         suggested_action = f."suggestedAction", station_id = COALESCE(f."stationId", e.station_id), picking_id = COALESCE(f."pickingId", e.picking_id),
         picking_name = COALESCE(f."pickingName", e.picking_name), shipment_id = COALESCE(f."shipmentId", e.shipment_id),
         tracking_code = COALESCE(f."trackingCode", e.tracking_code), last_seen_at = $2::bigint,
         state = CASE WHEN e.state = 'resolved' THEN 'open' ELSE e.state END,
         reason = CASE WHEN e.state = 'resolved' THEN NULL ELSE e.reason END,
         closed_at = CASE WHEN e.state = 'resolved' THEN NULL ELSE e.closed_at END,
         updated_at = CASE WHEN e.state = 'resolved' THEN $2::bigint ELSE e.updated_at END
       FROM ${FINDINGS} WHERE e.key = f.key`,
      [jsonParam(again), opts.now],
    );
  }
  const autoResolved =
    opts.kinds.length === 0
      ? []
      : (
          await tx.query(
            `UPDATE hub_exceptions e SET state = 'resolved', reason = $3, closed_at = $2::bigint, updated_at = $2::bigint
             WHERE e.source = 'reconciliation' AND e.state IN ('open', 'in_progress')
               AND e.kind IN (SELECT jsonb_array_elements_text($1::jsonb))
               AND e.key NOT IN (SELECT jsonb_array_elements_text($4::jsonb))
             RETURNING e.id`,
            [jsonParam(opts.kinds), opts.now, `no longer found${opts.note === null ? '' : ` (${opts.note})`}`, jsonParam(keys)],
          )
        ).map((raw) => ms.parse(raw.id));

  const seenAgain: number[] = [];
  const reopened: number[] = [];
  const history: HistoryLine[] = opened.map((id) => ({ id, action: 'opened', state: 'open', note: opts.note }));
  for (const finding of again) {
    const row = known.get(finding.key) as Known;
    const reopen = row.state === 'resolved';
    (reopen ? reopened : seenAgain).push(row.id);
    const state: ExceptionState = reopen ? 'open' : row.state;
    history.push({ id: row.id, action: reopen ? 'reopened' : 'seen_again', state, note: opts.note });
  }
  for (const id of autoResolved) history.push({ id, action: 'auto_resolved', state: 'resolved', note: opts.note });
  await insertHistory(tx, history, opts.by, opts.now);

  return { opened, seenAgain, reopened, autoResolved, idsByKey: Object.fromEntries(idByKey) };
}
