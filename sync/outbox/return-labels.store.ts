/**
 * Return labels in the ledger's `shipments` table (is_return = 1, reference `<picking>#R<n>`). The purchase is
 * two-phase like an outbound label: the ledger records the shipment id before buying (recordShipmentCreated), and
 * `recordBought` writes the bought label, the Odoo event that copies it to the picking and its print job in ONE
 * transaction — a crash leaves either all three or a shipment id to resume from, never a label bought twice.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { ParcelSchema, type Parcel } from '../../app/domain/parcel.schema';
import { ShipmentSchema, type Shipment } from '../../app/domain/shipment.schema';
import { ReturnLabelRecordSchema, type ReturnLabelRecord } from '../../app/domain/shipping-day.schema';
import type { Clock } from '../../app/ports';
import { statementCache, type StatementCache } from '../db/prepared';
import { withStorageErrors } from '../db/sqlite-errors';
import { orderKeyFor } from './order-key';
import { labelBoughtFact } from '../../app/hub/ledger-facts';
import type { OutboxStore } from './outbox.store';
import { parseJsonColumn } from './outbox-rows.schema';
import { transactionRunner, type TransactionRunner } from './transaction-runner';
import { nobody, personColumns, type RecordPerson } from './record-person';

const RefRowSchema = z.object({ picking_id: z.number().int(), name: z.string() });
const ReferenceRowSchema = z.object({ reference: z.string(), shipment_id: z.string(), shipment: z.string().nullable() });
const ParcelRowSchema = z.object({ parcel: z.string() });
const ListRowSchema = z.object({ reference: z.string(), picking_id: z.number().int(), name: z.string().nullable(), shipment: z.string(), bought_at: z.number() });

/** Attachment name of a return label's copy in Odoo; the tracking code makes it unique, so a retry finds it. */
export const returnLabelName = (trackingCode: string): string => `Return-${trackingCode}.zpl`;

/** `WH/OUT/00012#R3` → 3; null for any other reference. */
const returnNumber = (pickingName: string, reference: string): number | null => {
  const prefix = `${pickingName}#R`;
  if (!reference.startsWith(prefix)) return null;
  const n = Number(reference.slice(prefix.length));
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** LIKE pattern for a picking's return references (`%`, `_` and `\` in a name are literal). */
const likeReturns = (pickingName: string): string => `${pickingName.replace(/[\\%_]/g, (c) => `\\${c}`)}#R%`;

export interface PickingRef {
  id: number;
  name: string;
}

export class ReturnLabelStore {
  private readonly sql: StatementCache;
  private readonly tx: TransactionRunner;

  constructor(
    db: Database,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly outbox: OutboxStore,
    /** Called after a transaction that queued an Odoo event committed (the composition root kicks the sync engine). */
    private readonly onEnqueued: () => void = () => undefined,
    /** Who the bought label names (whoever is signed in). */
    private readonly people: RecordPerson = nobody,
  ) {
    this.sql = statementCache(db);
    this.tx = transactionRunner(db);
  }

  /** A picking this station knows by name or id: from its copies (masked ones too) or its packed pickings. */
  pickingRef(scan: string): PickingRef | null {
    const key = scan.trim();
    if (key === '') return null;
    const id = /^\d+$/.test(key) ? Number(key) : -1;
    const raw: unknown = this.sql
      .prepare(
        `SELECT picking_id, name FROM picking_cache WHERE name = @key COLLATE NOCASE OR picking_id = @id
         UNION SELECT picking_id, name FROM pickings_packed WHERE name = @key COLLATE NOCASE OR picking_id = @id
         LIMIT 1`,
      )
      .get({ key, id });
    if (raw === undefined) return null;
    const row = RefRowSchema.parse(raw);
    return { id: row.picking_id, name: row.name };
  }

  /** The picking's recorded parcels, in order (the return label's weight and box come from them). */
  parcels(pickingId: number): Parcel[] {
    return this.sql
      .prepare(`SELECT parcel FROM parcels WHERE picking_id = ? ORDER BY parcel_index`)
      .all(pickingId)
      .map((raw) => parseJsonColumn(ParcelRowSchema.parse(raw).parcel, ParcelSchema))
      .filter((p): p is Parcel => p !== null);
  }

  /**
   * The reference the next return label of the picking is bought under: one whose purchase was interrupted (its
   * shipment id recorded, nothing bought) is resumed; otherwise the next number after every one used, voided included.
   */
  nextReference(pickingName: string): { reference: string; resumeShipmentId: string | null } {
    const pattern = likeReturns(pickingName);
    const rows = this.sql
      .prepare(
        `SELECT reference, shipment_id, shipment FROM shipments WHERE reference LIKE ? ESCAPE '\\'
         UNION ALL SELECT reference, shipment_id, shipment FROM voided_labels WHERE reference LIKE ? ESCAPE '\\'`,
      )
      .all(pattern, pattern)
      .map((raw) => ReferenceRowSchema.parse(raw));
    let highest = 0;
    for (const row of rows) {
      const n = returnNumber(pickingName, row.reference);
      if (n === null) continue;
      highest = Math.max(highest, n);
    }
    const open = rows
      .filter((r) => r.shipment === null && returnNumber(pickingName, r.reference) !== null)
      .sort((a, b) => (returnNumber(pickingName, a.reference) ?? 0) - (returnNumber(pickingName, b.reference) ?? 0))[0];
    if (open) return { reference: open.reference, resumeShipmentId: open.shipment_id };
    return { reference: `${pickingName}#R${highest + 1}`, resumeShipmentId: null };
  }

  /**
   * Records the bought return label, queues its copy for Odoo and runs `print` (which queues the print job in the
   * same database), all in one transaction. Recording the same purchase again changes nothing and prints nothing.
   */
  recordBought(picking: PickingRef, reference: string, shipment: Shipment, print: () => string | null): { printJobId: string | null; recorded: boolean } {
    const valid = ShipmentSchema.parse(shipment);
    const result = withStorageErrors('returns: record label', () =>
      this.tx.immediate(() => {
        const raw: unknown = this.sql.prepare(`SELECT reference, shipment_id, shipment FROM shipments WHERE reference = ?`).get(reference);
        const known = raw === undefined ? null : ReferenceRowSchema.parse(raw);
        if (known?.shipment != null && known.shipment_id === valid.shipmentId) return { printJobId: null, recorded: false };
        const now = Math.floor(this.clock.now());
        const by = this.people.person();
        this.sql
          .prepare(
            `INSERT INTO shipments (reference, shipment_id, picking_id, parcel_index, tracking_code, shipment, created_at, bought_at, platform, carrier, is_return, bought_by_id, bought_by)
             VALUES (@reference, @shipmentId, @pickingId, NULL, @tracking, @shipment, @now, @now, @platform, @carrier, 1, @byId, @byName)
             ON CONFLICT(reference) DO UPDATE SET shipment_id = @shipmentId, picking_id = @pickingId, parcel_index = NULL, tracking_code = @tracking,
               shipment = @shipment, bought_at = @now, platform = @platform, carrier = @carrier, is_return = 1, bought_by_id = @byId, bought_by = @byName`,
          )
          .run({
            reference,
            shipmentId: valid.shipmentId,
            pickingId: picking.id,
            tracking: valid.trackingCode,
            shipment: JSON.stringify({ ...valid, isReturn: true }),
            now,
            platform: valid.platform ?? null,
            carrier: valid.rate.carrier,
            ...personColumns(by),
          });
        this.outbox.enqueue('odoo', orderKeyFor(picking.id), {
          type: 'return.label',
          pickingId: picking.id,
          reference,
          shipmentId: valid.shipmentId,
          trackingCode: valid.trackingCode,
          carrier: valid.rate.carrier,
          service: valid.rate.service,
          labelName: returnLabelName(valid.trackingCode),
          labelZpl: valid.label.data,
        });
        const parcelIndex = returnNumber(picking.name, reference);
        if (parcelIndex !== null) {
          this.outbox.hubFacts.record(picking.id, () => labelBoughtFact({ pickingId: picking.id, pickingName: picking.name, parcelIndex }, { ...valid, isReturn: true }, by));
        }
        return { printJobId: print(), recorded: true };
      }),
    );
    if (result.recorded) this.onEnqueued();
    return result;
  }

  /** Return labels bought at or after `since`, newest first. */
  since(since: number, limit = 100): ReturnLabelRecord[] {
    return this.records(`s.bought_at >= ? ORDER BY s.bought_at DESC, s.reference LIMIT ?`, since, limit);
  }

  get(reference: string): ReturnLabelRecord | null {
    return this.records(`s.reference = ?`, reference)[0] ?? null;
  }

  private records(where: string, ...params: unknown[]): ReturnLabelRecord[] {
    const rows = this.sql
      .prepare(
        `SELECT s.reference, s.picking_id, coalesce(c.name, k.name) AS name, s.shipment, s.bought_at FROM shipments s
         LEFT JOIN picking_cache c ON c.picking_id = s.picking_id LEFT JOIN pickings_packed k ON k.picking_id = s.picking_id
         WHERE s.is_return = 1 AND s.shipment IS NOT NULL AND ${where}`,
      )
      .all(...params);
    const out: ReturnLabelRecord[] = [];
    for (const raw of rows) {
      const row = ListRowSchema.parse(raw);
      const s = parseJsonColumn(row.shipment, ShipmentSchema);
      if (s === null) continue;
      out.push(
        ReturnLabelRecordSchema.parse({
          reference: row.reference,
          pickingId: row.picking_id,
          pickingName: row.name ?? row.reference.replace(/#R\d+$/, ''),
          shipmentId: s.shipmentId,
          trackingCode: s.trackingCode,
          carrier: s.rate.carrier,
          service: s.rate.service,
          rate: s.rate.rate,
          currency: s.rate.currency,
          boughtAt: row.bought_at,
        }),
      );
    }
    return out;
  }
}
