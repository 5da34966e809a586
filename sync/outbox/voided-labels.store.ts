import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import { freightTotal, type FreightTotal } from '../../app/domain/freight.schema';
import { BoughtLabelSchema, VoidedLabelSchema, type BoughtLabel, type VoidedLabel } from '../../app/domain/label-record.schema';
import type { VoidOutcome } from '../../app/domain/carrier.schema';
import { ShipmentSchema, type Shipment } from '../../app/domain/shipment.schema';
import type { Clock } from '../../app/ports';
import { statementCache, type StatementCache } from '../db/prepared';
import { parseJsonColumn } from './outbox-rows.schema';
import type { OutboxStore } from './outbox.store';
import { orderKeyFor } from './order-key';
import { labelVoidedFact } from '../../app/hub/ledger-facts';

/** Attachment name in Odoo; unique per parcel and tracking code, so a retried upload finds the earlier one. */
export const labelNameFor = (pickingName: string, parcelIndex: number, trackingCode: string, format = 'ZPL'): string =>
  `Label-${pickingName.replace(/\//g, '-')}-${parcelIndex}-${trackingCode}.${format.toLowerCase()}`;

const LiveRow = z.object({
  reference: z.string(),
  shipment_id: z.string(),
  picking_id: z.number().int(),
  parcel_index: z.number().int().positive(),
  shipment: z.string(),
  bought_at: z.number().nullable(),
  picking_name: z.string().nullable(),
  printed: z.number(),
});
type Live = z.infer<typeof LiveRow> & { parsed: Shipment | null };
type Readable = z.infer<typeof LiveRow> & { parsed: Shipment };
const readable = (labels: Live[]): Readable[] => labels.filter((l): l is Readable => l.parsed !== null);

const VoidedRow = z.object({
  id: z.number().int(),
  reference: z.string(),
  shipment_id: z.string(),
  picking_id: z.number().int(),
  parcel_index: z.number().int().positive(),
  shipment: z.string(),
  reason: z.string(),
  requested_by: z.string(),
  requested_at: z.number(),
  status: z.string(),
  answered_at: z.number().nullable(),
  detail: z.string().nullable(),
  picking_name: z.string().nullable(),
});

// The name Odoo gave the picking: from the copy the station loaded, or from its packed record once that copy is gone.
const PICKING_NAME = `coalesce((SELECT name FROM picking_cache c WHERE c.picking_id = s.picking_id), (SELECT name FROM pickings_packed p WHERE p.picking_id = s.picking_id))`;
const LIVE = `SELECT s.reference, s.shipment_id, s.picking_id, s.parcel_index, s.shipment, s.bought_at, ${PICKING_NAME} AS picking_name,
  EXISTS (SELECT 1 FROM labels_printed l WHERE l.picking_id = s.picking_id AND l.parcel_index = s.parcel_index) AS printed
  FROM shipments s WHERE s.shipment IS NOT NULL AND s.is_return = 0 AND s.picking_id IS NOT NULL AND s.parcel_index IS NOT NULL`;

const factsOf = (shipment: Shipment) => ({
  trackingCode: shipment.trackingCode,
  carrier: shipment.rate.carrier,
  service: shipment.rate.service,
  rate: shipment.rate.rate,
  currency: shipment.rate.currency,
  platform: shipment.platform ?? null,
});

/**
 * The outbound labels the station bought (return labels have their own store) and those it voided: "never a label nobody owns". A void moves the label's row from
 * `shipments` to `voided_labels` (so the parcel can get a new label), forgets that its label printed (so the new one
 * prints), and queues the refund for the carrier platform and the reflection for Odoo — inside the caller's ledger
 * transaction, so the label is either live or voided-and-queued, never neither.
 */
export class VoidedLabelsStore {
  private readonly sql: StatementCache;

  constructor(
    db: Database,
    private readonly clock: Clock,
    private readonly outbox: OutboxStore,
    private readonly priorityOf: (pickingId: number) => number = () => 0,
  ) {
    this.sql = statementCache(db);
  }

  /** In the caller's transaction: voids the label bought for `reference`; null when it has none. */
  voidBought(reference: string, reason: string, by: string): VoidedLabel | null {
    const label = this.live(`${LIVE} AND s.reference = ?`, reference)[0];
    if (label === undefined) return null;
    // The platform's void names the shipment as bought; a label that cannot be read back is not guessed at.
    if (label.parsed === null) throw new StationError('REJECTED', `the label of ${reference} cannot be read back from the ledger: void it on the platform by hand`);
    const now = Math.floor(this.clock.now());
    const { shipment_id: shipmentId, picking_id: pickingId, parcel_index: parcelIndex } = label;
    const parsed = label.parsed;
    this.sql
      .prepare(
        `INSERT INTO voided_labels (reference, shipment_id, picking_id, parcel_index, tracking_code, shipment, reason, requested_by, requested_at)
         VALUES (@reference, @shipmentId, @pickingId, @parcelIndex, @trackingCode, @shipment, @reason, @by, @now)
         ON CONFLICT(shipment_id) DO UPDATE SET reason = @reason, requested_by = @by, requested_at = @now, status = 'requested', answered_at = NULL, detail = NULL`,
      )
      .run({ reference, shipmentId, pickingId, parcelIndex, trackingCode: parsed.trackingCode, shipment: label.shipment, reason, by, now });
    this.sql.prepare(`DELETE FROM shipments WHERE reference = ?`).run(reference);
    this.sql.prepare(`DELETE FROM labels_printed WHERE picking_id = ? AND parcel_index = ?`).run(pickingId, parcelIndex);
    const pickingName = label.picking_name;
    this.outbox.enqueue('carrier', `void:${shipmentId}`, { type: 'label.void', reference, pickingId, pickingName, parcelIndex, reason, shipment: parsed });
    this.outbox.enqueue(
      'odoo',
      orderKeyFor(pickingId),
      {
        type: 'label.voided',
        pickingId,
        parcelIndex,
        shipmentId,
        trackingCode: parsed.trackingCode,
        labelName: pickingName === null ? null : labelNameFor(pickingName, parcelIndex, parsed.trackingCode, parsed.label.format),
        reason,
        by,
        freight: this.freightOf(pickingId),
      },
      this.priorityOf(pickingId),
    );
    this.outbox.hubFacts.record(pickingId, () =>
      labelVoidedFact({ pickingId, pickingName, parcelIndex }, { shipmentId, trackingCode: parsed.trackingCode, reason, by }),
    );
    return this.voidedOf(shipmentId);
  }

  /** The references of the picking's live labels. */
  liveReferences(pickingId: number): string[] {
    return this.live(`${LIVE} AND s.picking_id = ? ORDER BY s.parcel_index`, pickingId).map((l) => l.reference);
  }

  /** What the picking's live labels cost together (the ledger's copy, for reconciliation and Odoo's Shipping Cost). */
  freightOf(pickingId: number): FreightTotal {
    return freightTotal(readable(this.live(`${LIVE} AND s.picking_id = ?`, pickingId)).map((l) => l.parsed.rate));
  }

  /** The latest live labels, newest first. */
  bought(limit: number): BoughtLabel[] {
    return readable(this.live(`${LIVE} ORDER BY s.bought_at DESC, s.rowid DESC LIMIT ?`, limit)).map((l) =>
      BoughtLabelSchema.parse({
        reference: l.reference,
        shipmentId: l.shipment_id,
        pickingId: l.picking_id,
        pickingName: l.picking_name,
        parcelIndex: l.parcel_index,
        ...factsOf(l.parsed),
        choice: l.parsed.choice ?? null,
        isReturn: l.parsed.isReturn ?? false,
        boughtAt: l.bought_at ?? 0,
        printed: l.printed === 1,
      }),
    );
  }

  /** The latest voids, newest first. */
  voided(limit: number): VoidedLabel[] {
    return this.voidedWhere(`ORDER BY v.requested_at DESC, v.id DESC LIMIT ?`, limit);
  }

  voidedOf(shipmentId: string): VoidedLabel | null {
    return this.voidedWhere(`WHERE v.shipment_id = ?`, shipmentId)[0] ?? null;
  }

  /** The platform's answer to a void. */
  recordAnswer(shipmentId: string, outcome: VoidOutcome): void {
    this.sql
      .prepare(`UPDATE voided_labels SET status = ?, answered_at = ?, detail = ? WHERE shipment_id = ?`)
      .run(outcome.status, Math.floor(this.clock.now()), outcome.detail ?? null, shipmentId);
  }

  private live(query: string, ...params: unknown[]): Live[] {
    return this.sql
      .prepare(query)
      .all(...params)
      .map((raw) => {
        const row = LiveRow.parse(raw);
        // A row that cannot be read back is the ledger's shipmentFor's to quarantine: lists and totals leave it out.
        return { ...row, parsed: parseJsonColumn(row.shipment, ShipmentSchema) };
      });
  }

  private voidedWhere(clause: string, ...params: unknown[]): VoidedLabel[] {
    const name = PICKING_NAME.replaceAll('s.picking_id', 'v.picking_id');
    return this.sql
      .prepare(`SELECT v.*, ${name} AS picking_name FROM voided_labels v ${clause}`)
      .all(...params)
      .map((raw) => {
        const row = VoidedRow.parse(raw);
        const shipment = parseJsonColumn(row.shipment, ShipmentSchema);
        if (shipment === null) throw new StationError('DEVICE', `ledger: the voided label of ${row.reference} cannot be read back`);
        return VoidedLabelSchema.parse({
          id: row.id,
          reference: row.reference,
          shipmentId: row.shipment_id,
          pickingId: row.picking_id,
          pickingName: row.picking_name,
          parcelIndex: row.parcel_index,
          ...factsOf(shipment),
          reason: row.reason,
          requestedBy: row.requested_by,
          requestedAt: row.requested_at,
          status: row.status,
          answeredAt: row.answered_at,
          detail: row.detail,
        });
      });
  }
}
