/**
 * End-of-day manifests on the station's database (`manifests` and `shipments.manifest_id`, migration 11). A manifest
 * and the marks on its shipments are written in ONE transaction, and a shipment is only ever marked while it has no
 * manifest: so no shipment goes on two forms, and none is marked for a form the station did not record.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { AddressSchema, type Address } from '../../app/domain/address.schema';
import { CarrierKindSchema, type Manifest } from '../../app/domain/carrier.schema';
import { StationError } from '../../app/domain/errors';
import { ShipmentSchema } from '../../app/domain/shipment.schema';
import { ManifestRecordSchema, type ManifestRecord } from '../../app/domain/shipping-day.schema';
import type { Clock } from '../../app/ports';
import { statementCache, type StatementCache } from '../db/prepared';
import { withStorageErrors } from '../db/sqlite-errors';
import type { ManifestCandidate } from '../carrier/manifest-groups';
import { parseJsonColumn } from './outbox-rows.schema';
import { transactionRunner, type TransactionRunner } from './transaction-runner';

const CandidateRowSchema = z.object({
  reference: z.string(),
  picking_id: z.number().int().nullable(),
  shipment: z.string(),
  platform: z.string().nullable(),
  carrier: z.string().nullable(),
  bought_at: z.number(),
});
const ManifestRowSchema = z.object({
  manifest_id: z.string(),
  carrier: z.string(),
  status: z.string(),
  tracking_codes: z.string(),
  document_url: z.string().nullable(),
  document_path: z.string().nullable(),
  detail: z.string().nullable(),
  created_at: z.number(),
  printed_at: z.number().nullable(),
});
const CountRowSchema = z.object({ n: z.number().int() });
const FromRowSchema = z.object({ picking_id: z.number().int(), warehouse: z.string().nullable() });
const MarkRowSchema = z.object({ reference: z.string(), manifest_id: z.string().nullable() });

// Bought (shipment set), outbound, on no manifest: a voided label has left `shipments` (voided_labels keeps it).
const OPEN = `shipment IS NOT NULL AND manifest_id IS NULL AND is_return = 0`;

function recordOf(raw: unknown): ManifestRecord {
  const row = ManifestRowSchema.parse(raw);
  const codes = parseJsonColumn(row.tracking_codes, z.array(z.string()));
  if (codes === null) throw new StationError('DEVICE', `manifests: tracking codes of ${row.manifest_id} cannot be read back`);
  return ManifestRecordSchema.parse({
    manifestId: row.manifest_id,
    carrier: row.carrier,
    status: row.status,
    trackingCodes: codes,
    documentUrl: row.document_url,
    documentPath: row.document_path,
    detail: row.detail,
    createdAt: row.created_at,
    printedAt: row.printed_at,
  });
}

export interface ManifestMarks {
  /** References marked with this manifest now. */
  marked: string[];
  /** References that were on another manifest already (a run elsewhere got there first): left as they are. */
  elsewhere: string[];
}

export class ManifestStore {
  private readonly sql: StatementCache;
  private readonly tx: TransactionRunner;

  constructor(
    db: Database,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.sql = statementCache(db);
    this.tx = transactionRunner(db);
  }

  /**
   * Bought outbound shipments on no manifest, bought at or after `since` (epoch ms), oldest first. A row whose
   * stored shipment cannot be read back is left out: it cannot be named to the platform.
   */
  candidates(since: number): ManifestCandidate[] {
    const rows = this.sql
      .prepare(`SELECT reference, picking_id, shipment, platform, carrier, bought_at FROM shipments WHERE ${OPEN} AND bought_at >= ? ORDER BY bought_at, reference`)
      .all(since);
    const out: ManifestCandidate[] = [];
    for (const raw of rows) {
      const row = CandidateRowSchema.parse(raw);
      const shipment = parseJsonColumn(row.shipment, ShipmentSchema);
      if (shipment === null) continue;
      // Rows written before migration 11's columns were filled: the shipment itself says (EasyPost before Shippo existed).
      const platform = CarrierKindSchema.safeParse(row.platform ?? shipment.platform ?? 'easypost');
      if (!platform.success) continue;
      out.push({ reference: row.reference, pickingId: row.picking_id, shipment, platform: platform.data, carrier: row.carrier ?? shipment.rate.carrier, boughtAt: row.bought_at });
    }
    return out;
  }

  /** Bought outbound shipments on no manifest from before `since`: an earlier day's hand-over that never happened. */
  countBefore(since: number): number {
    return CountRowSchema.parse(this.sql.prepare(`SELECT COUNT(*) AS n FROM shipments WHERE ${OPEN} AND bought_at < ?`).get(since)).n;
  }

  /** The ship-from address of these pickings from the copies the station holds (a masked copy keeps it). */
  shipFrom(pickingIds: readonly number[]): Map<number, Address> {
    const out = new Map<number, Address>();
    const read = this.sql.prepare(`SELECT picking_id, json_extract(picking, '$.warehouse') AS warehouse FROM picking_cache WHERE picking_id = ?`);
    for (const id of new Set(pickingIds)) {
      const raw: unknown = read.get(id);
      if (raw === undefined) continue;
      const row = FromRowSchema.parse(raw);
      const address = row.warehouse === null ? null : parseJsonColumn(row.warehouse, AddressSchema);
      if (address !== null) out.set(row.picking_id, address);
    }
    return out;
  }

  /**
   * Records the platform's manifest and marks `references` with it, in one transaction. Recording the same manifest
   * again (a run repeated after a lost reply) updates its status and marks what is still unmarked.
   */
  record(manifest: Manifest, references: readonly string[]): ManifestMarks {
    return withStorageErrors('manifests: record', () =>
      this.tx.immediate(() => {
        this.upsert(manifest);
        const marks: ManifestMarks = { marked: [], elsewhere: [] };
        const mark = this.sql.prepare(`UPDATE shipments SET manifest_id = ? WHERE reference = ? AND manifest_id IS NULL AND shipment IS NOT NULL`);
        const current = this.sql.prepare(`SELECT reference, manifest_id FROM shipments WHERE reference = ?`);
        for (const reference of references) {
          if (mark.run(manifest.manifestId, reference).changes > 0) {
            marks.marked.push(reference);
            continue;
          }
          const raw: unknown = current.get(reference);
          const row = raw === undefined ? null : MarkRowSchema.parse(raw);
          if (row?.manifest_id !== manifest.manifestId) marks.elsewhere.push(reference);
        }
        return marks;
      }),
    );
  }

  /** A form the platform reports `failed`: kept for the record, no shipment is marked with it. */
  recordFailed(manifest: Manifest): void {
    withStorageErrors('manifests: record failed', () => this.tx.immediate(() => this.upsert(manifest)));
  }

  /** The form was saved under the station's data folder. */
  setDocumentPath(manifestId: string, path: string): void {
    withStorageErrors('manifests: document', () => this.sql.prepare(`UPDATE manifests SET document_path = ? WHERE manifest_id = ?`).run(path, manifestId));
  }

  /** Its summary label went to the print queue. */
  summaryQueued(manifestId: string): void {
    withStorageErrors('manifests: summary', () => this.sql.prepare(`UPDATE manifests SET printed_at = ? WHERE manifest_id = ?`).run(Math.floor(this.clock.now()), manifestId));
  }

  get(manifestId: string): ManifestRecord | null {
    const raw: unknown = this.sql.prepare(`SELECT * FROM manifests WHERE manifest_id = ?`).get(manifestId);
    return raw === undefined ? null : recordOf(raw);
  }

  /** Manifests made at or after `since`, newest first. */
  since(since: number, limit = 100): ManifestRecord[] {
    return this.sql.prepare(`SELECT * FROM manifests WHERE created_at >= ? ORDER BY created_at DESC, manifest_id LIMIT ?`).all(since, limit).map(recordOf);
  }

  /** Created manifests whose form the platform handed out but the station has not saved yet (a failed download). */
  withoutDocument(): ManifestRecord[] {
    return this.sql
      .prepare(`SELECT * FROM manifests WHERE status = 'created' AND document_url IS NOT NULL AND document_path IS NULL ORDER BY created_at`)
      .all()
      .map(recordOf);
  }

  private upsert(m: Manifest): void {
    this.sql
      .prepare(
        `INSERT INTO manifests (manifest_id, carrier, status, tracking_codes, document_url, detail, created_at)
         VALUES (@id, @carrier, @status, @codes, @url, @detail, @now)
         ON CONFLICT(manifest_id) DO UPDATE SET status = excluded.status, tracking_codes = excluded.tracking_codes,
           document_url = coalesce(excluded.document_url, manifests.document_url), detail = excluded.detail`,
      )
      .run({ id: m.manifestId, carrier: m.carrier, status: m.status, codes: JSON.stringify(m.trackingCodes), url: m.documentUrl, detail: m.detail ?? null, now: Math.floor(this.clock.now()) });
  }
}
