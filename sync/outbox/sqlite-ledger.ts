import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import { ParcelSchema } from '../../app/domain/parcel.schema';
import type { Parcel } from '../../app/domain/parcel.schema';
import { ShipmentSchema } from '../../app/domain/shipment.schema';
import type { Shipment } from '../../app/domain/shipment.schema';
import type { Clock, Ledger, LedgerProgress, Unsubscribe } from '../../app/ports';
import { statementCache } from '../db/prepared';
import type { StatementCache } from '../db/prepared';
import { withStorageErrors } from '../db/sqlite-errors';
import { transactionRunner, type TransactionRunner } from './transaction-runner';
import { parseJsonColumn } from './outbox-rows.schema';
import type { OutboxStore } from './outbox.store';
import { orderKeyFor } from './order-key';
import { deliveryPriority, type DeliveryPriority } from '../../app/sync/delivery-priority';
import { ListenerSet } from '../../app/events/listener-set';
import type { FreightTotal } from '../../app/domain/freight.schema';
import type { VoidedLabel, VoidRequest } from '../../app/domain/label-record.schema';
import { VoidedLabelsStore, labelNameFor } from './voided-labels.store';
import { labelBoughtFact, labelPrintedFact, parcelPackedFact, pickingPackedFact } from '../../app/hub/ledger-facts';
import { nobody, personColumns, type RecordPerson } from './record-person';

export { orderKeyFor, labelNameFor };

const ShipmentRowSchema = z.object({ shipment_id: z.string(), shipment: z.string().nullable() });
const ParcelRowSchema = z.object({ parcel_index: z.number().int(), parcel: z.string() });
const BoughtRowSchema = z.object({ parcel_index: z.number().int(), shipment: z.string() });
const IndexRowSchema = z.object({ parcel_index: z.number().int() });
const ParcelsRowSchema = z.object({ n: z.number().int(), first: z.number().nullable() });
const NameRowSchema = z.object({ name: z.string() });
// SQLite's json_extract gives JSON true as 1, a missing key as NULL.
const UrgencyRowSchema = z.object({ urgent: z.number().nullable(), scheduledAt: z.number().nullable() });

/** Same box: same items (order aside), box type and weight. */
const sameParcel = (a: Parcel, b: Parcel): boolean => {
  const canon = (p: Parcel) => JSON.stringify({ ...p, items: [...p.items].sort((x, y) => x.moveId - y.moveId) });
  return canon(a) === canon(b);
};

/**
 * The station's ledger on SQLite, and the one owner of each picking's progress. Every business fact and the outbox
 * event that tells a remote about it are written in ONE transaction, so either both survive a crash or neither does.
 * Each record is idempotent: the packing machine may repeat a step after a restart without creating a second event.
 * Every record names whoever is signed in when it is written (`people`), in its row and in the hub's fact.
 */
export class SqliteLedger implements Ledger {
  private readonly sql: StatementCache;
  private readonly tx: TransactionRunner;
  private readonly voids: VoidedLabelsStore;
  // A listener only speeds delivery up (the engine's idle tick finds the event anyway): its errors are dropped.
  private readonly enqueued = new ListenerSet<void>();
  /** An event was queued inside `atomically`: listeners hear it once that outer transaction has committed. */
  private enqueuedInOuter = false;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly outbox: OutboxStore,
    private readonly people: RecordPerson = nobody,
  ) {
    this.sql = statementCache(db);
    this.tx = transactionRunner(db);
    this.voids = new VoidedLabelsStore(db, clock, outbox, (pickingId) => this.priorityOf(pickingId));
  }

  /** Called after a transaction that enqueued events has committed; the composition root wires SyncEngine.kick(). */
  onEnqueued(listener: () => void): Unsubscribe {
    return this.enqueued.add(listener);
  }

  atomically<T>(fn: () => T): T {
    this.enqueuedInOuter = false;
    const result = withStorageErrors('ledger', () => this.tx.immediate(fn));
    if (this.enqueuedInOuter) this.notifyEnqueued();
    this.enqueuedInOuter = false;
    return result;
  }

  progress(pickingId: number): LedgerProgress {
    const parcels = this.sql.prepare(`SELECT parcel_index, parcel FROM parcels WHERE picking_id = ? ORDER BY parcel_index`).all(pickingId);
    const bought = new Map<number, Shipment>();
    for (const raw of this.sql
      // Return labels (is_return) belong to no parcel: they are not the picking's progress.
      .prepare(`SELECT parcel_index, shipment FROM shipments WHERE picking_id = ? AND shipment IS NOT NULL AND is_return = 0`)
      .all(pickingId)) {
      const row = BoughtRowSchema.parse(raw);
      const shipment = parseJsonColumn(row.shipment, ShipmentSchema);
      if (shipment !== null) bought.set(row.parcel_index, shipment);
    }
    const printed = new Set(
      this.sql
        .prepare(`SELECT parcel_index FROM labels_printed WHERE picking_id = ?`)
        .all(pickingId)
        .map((raw) => IndexRowSchema.parse(raw).parcel_index),
    );
    const recorded = parcels.map((raw) => {
      const row = ParcelRowSchema.parse(raw);
      const parcel = parseJsonColumn(row.parcel, ParcelSchema);
      // A parcel row that cannot be read back would make the station pack its items a second time: stop instead.
      if (parcel === null) throw new StationError('DEVICE', `ledger: parcel ${row.parcel_index} of picking ${pickingId} cannot be read back`);
      return { parcel, shipment: bought.get(row.parcel_index) ?? null, printed: printed.has(row.parcel_index) };
    });
    const packed = this.sql.prepare(`SELECT 1 AS one FROM pickings_packed WHERE picking_id = ?`).get(pickingId) !== undefined;
    return { parcels: recorded, packed };
  }

  recordParcelPacked(parcel: Parcel): void {
    const valid = ParcelSchema.parse(parcel);
    this.write('record parcel', () => {
      const existing: unknown = this.sql.prepare(`SELECT parcel_index, parcel FROM parcels WHERE picking_id = ? AND parcel_index = ?`).get(valid.pickingId, valid.index);
      if (existing !== undefined) {
        const known = parseJsonColumn(ParcelRowSchema.parse(existing).parcel, ParcelSchema);
        if (known !== null && sameParcel(known, valid)) return false;
        throw new StationError('REJECTED', `parcel ${valid.index} of picking ${valid.pickingId} is already recorded with other contents`);
      }
      const by = this.people.person();
      this.sql
        .prepare(
          `INSERT INTO parcels (picking_id, parcel_index, parcel, weight_g, packed_at, packed_by_id, packed_by)
           VALUES (@pickingId, @index, @parcel, @weightG, @now, @byId, @byName)`,
        )
        .run({ pickingId: valid.pickingId, index: valid.index, parcel: JSON.stringify(valid), weightG: valid.weightG, now: this.now(), ...personColumns(by) });
      this.outbox.enqueue('odoo', orderKeyFor(valid.pickingId), { type: 'parcel.packed', parcel: valid }, this.priorityOf(valid.pickingId));
      this.outbox.hubFacts.record(valid.pickingId, (pickingName) => parcelPackedFact(valid, pickingName, by));
      return true;
    });
  }

  recordShipmentCreated(reference: string, shipmentId: string): void {
    this.write('record shipment', () => {
      // A bought shipment is final; only a not-yet-bought reference may move to a new shipment id.
      this.sql
        .prepare(
          `INSERT INTO shipments (reference, shipment_id, created_at) VALUES (?, ?, ?)
           ON CONFLICT(reference) DO UPDATE SET shipment_id = excluded.shipment_id WHERE shipments.shipment IS NULL`,
        )
        .run(reference, shipmentId, this.now());
      return false;
    });
  }

  shipmentFor(reference: string): { shipmentId: string; shipment: Shipment | null } | null {
    const raw: unknown = this.sql.prepare(`SELECT shipment_id, shipment FROM shipments WHERE reference = ?`).get(reference);
    if (raw === undefined) return null;
    const row = ShipmentRowSchema.parse(raw);
    if (row.shipment === null) return { shipmentId: row.shipment_id, shipment: null };
    const shipment = parseJsonColumn(row.shipment, ShipmentSchema);
    if (shipment === null) {
      // The shipment id alone lets the carrier gateway resume and fetch the label again, without buying twice.
      const bad = row.shipment;
      this.write('quarantine shipment', () => {
        this.outbox.addDeadLetter({ target: 'local', orderKey: `shipment:${reference}`, reason: 'unparseable stored shipment', raw: bad });
        this.sql.prepare(`UPDATE shipments SET shipment = NULL WHERE reference = ?`).run(reference);
        return false;
      });
    }
    return { shipmentId: row.shipment_id, shipment };
  }

  recordLabelBought(pickingId: number, parcelIndex: number, reference: string, shipment: Shipment): void {
    const valid = ShipmentSchema.parse(shipment);
    this.write('record label', () => {
      const raw: unknown = this.sql.prepare(`SELECT shipment_id, shipment FROM shipments WHERE reference = ?`).get(reference);
      const existing = raw === undefined ? null : ShipmentRowSchema.parse(raw);
      if (existing?.shipment != null && existing.shipment_id === valid.shipmentId) return false;
      // A second label for a parcel that has one: the first is voided (its postage asked back), not silently lost.
      if (existing?.shipment != null) this.voids.voidBought(reference, 'duplicate label', 'station');
      const now = this.now();
      const by = this.people.person();
      this.sql
        .prepare(
          `INSERT INTO shipments (reference, shipment_id, picking_id, parcel_index, tracking_code, shipment, created_at, bought_at, bought_by_id, bought_by)
           VALUES (@reference, @shipmentId, @pickingId, @parcelIndex, @trackingCode, @shipment, @now, @now, @byId, @byName)
           ON CONFLICT(reference) DO UPDATE SET shipment_id = @shipmentId, picking_id = @pickingId, parcel_index = @parcelIndex,
             tracking_code = @trackingCode, shipment = @shipment, bought_at = @now, bought_by_id = @byId, bought_by = @byName`,
        )
        .run({ reference, shipmentId: valid.shipmentId, pickingId, parcelIndex, trackingCode: valid.trackingCode, shipment: JSON.stringify(valid), now, ...personColumns(by) });
      const event = {
        type: 'label.bought' as const,
        pickingId,
        parcelIndex,
        shipmentId: valid.shipmentId,
        trackingCode: valid.trackingCode,
        labelName: labelNameFor(this.pickingName(pickingId), parcelIndex, valid.trackingCode, valid.label.format),
        labelZpl: valid.label.data,
        freight: this.voids.freightOf(pickingId),
      };
      this.outbox.enqueue('odoo', orderKeyFor(pickingId), event, this.priorityOf(pickingId));
      this.outbox.hubFacts.record(pickingId, (pickingName) => labelBoughtFact({ pickingId, pickingName, parcelIndex }, valid, by));
      return true;
    });
  }

  /** Voids the label bought for a parcel (voided-labels.store.ts) in one transaction; REJECTED when it has none. */
  voidLabel({ reference, reason, by }: VoidRequest): VoidedLabel {
    let voided = null as VoidedLabel | null;
    this.write('void label', () => {
      voided = this.voids.voidBought(reference, reason, by);
      if (voided === null) throw new StationError('REJECTED', `${reference} has no bought label to void (never bought here, or voided already)`);
      return true;
    });
    return voided as VoidedLabel;
  }

  /** Voids every live label of a picking (cancelled in Odoo, say) in one transaction; the voids, none when it has none. */
  voidPickingLabels(pickingId: number, reason: string, by: string): VoidedLabel[] {
    const voided: VoidedLabel[] = [];
    this.write('void picking labels', () => {
      for (const reference of this.voids.liveReferences(pickingId)) voided.push(this.voids.voidBought(reference, reason, by) as VoidedLabel);
      return voided.length > 0;
    });
    return voided;
  }

  /** What the picking's live labels cost together, as the ledger holds them. */
  freightOf(pickingId: number): FreightTotal {
    return this.voids.freightOf(pickingId);
  }

  recordLabelPrinted(pickingId: number, parcelIndex: number): void {
    this.write('record label printed', () => {
      const now = this.now();
      const by = this.people.person();
      // The hub hears of a label's first print; reprints only count up `times` here (their audit names who asked).
      const first = this.sql.prepare(`SELECT 1 AS one FROM labels_printed WHERE picking_id = ? AND parcel_index = ?`).get(pickingId, parcelIndex) === undefined;
      this.sql
        .prepare(
          `INSERT INTO labels_printed (picking_id, parcel_index, first_printed_at, last_printed_at, printed_by_id, printed_by)
           VALUES (@id, @index, @now, @now, @byId, @byName)
           ON CONFLICT(picking_id, parcel_index) DO UPDATE SET last_printed_at = @now, times = times + 1`,
        )
        .run({ id: pickingId, index: parcelIndex, now, ...personColumns(by) });
      return first && this.outbox.hubFacts.record(pickingId, (pickingName) => labelPrintedFact({ pickingId, pickingName, parcelIndex }, by));
    });
  }

  recordPickingPacked(pickingId: number, scannedAt: number | null = null): boolean {
    let first = false;
    this.write('record picking packed', () => {
      const by = this.people.person();
      const { parcels, startedAt } = this.parcelsOf(pickingId, scannedAt);
      const insert = `INSERT OR IGNORE INTO pickings_packed (picking_id, name, packed_at, started_at, packed_by_id, packed_by)
        VALUES (@pickingId, @name, @now, @startedAt, @byId, @byName)`;
      first = this.sql.prepare(insert).run({ pickingId, name: this.pickingName(pickingId), now: this.now(), startedAt, ...personColumns(by) }).changes > 0;
      if (!first) return false;
      this.outbox.enqueue('odoo', orderKeyFor(pickingId), { type: 'picking.validate', pickingId }, this.priorityOf(pickingId));
      this.outbox.hubFacts.record(pickingId, (pickingName) => pickingPackedFact({ pickingId, pickingName }, parcels, by, startedAt));
      return true;
    });
    return first;
  }

  /**
   * The picking's parcel count, and when it started: the earlier of its first scan here and its first parcel (packed,
   * then the station restarted and the picking was scanned again: the scan this run saw is not its first).
   */
  private parcelsOf(pickingId: number, scannedAt: number | null): { parcels: number; startedAt: number | null } {
    const row = ParcelsRowSchema.parse(this.sql.prepare(`SELECT COUNT(*) AS n, MIN(packed_at) AS first FROM parcels WHERE picking_id = ?`).get(pickingId));
    const started = Math.min(scannedAt ?? Infinity, row.first ?? Infinity);
    return { parcels: row.n, startedAt: Number.isFinite(started) ? Math.floor(started) : null };
  }

  /**
   * How soon this picking's events should drain in a backlog, from the copy the station loaded (none: normal). Only
   * the two fields are read (json_extract), not the whole picking: this runs inside every enqueue.
   */
  private priorityOf(pickingId: number): DeliveryPriority {
    const raw: unknown = this.sql
      .prepare(`SELECT json_extract(picking, '$.urgent') AS urgent, json_extract(picking, '$.scheduledAt') AS scheduledAt FROM picking_cache WHERE picking_id = ?`)
      .get(pickingId);
    const row = raw === undefined ? null : UrgencyRowSchema.safeParse(raw);
    return row?.success ? deliveryPriority({ urgent: row.data.urgent === 1, scheduledAt: row.data.scheduledAt }, this.clock.now()) : 0;
  }

  /** The name Odoo gave the picking, from the copy the station loaded it from (the packer cannot pack without one). */
  private pickingName(pickingId: number): string {
    const raw: unknown = this.sql.prepare(`SELECT name FROM picking_cache WHERE picking_id = ?`).get(pickingId);
    if (raw === undefined) throw new StationError('NOT_FOUND', `ledger: picking ${pickingId} was never loaded at this station`);
    return NameRowSchema.parse(raw).name;
  }

  private now(): number {
    return Math.floor(this.clock.now());
  }

  /** Runs `fn` in one IMMEDIATE transaction; `fn` returns whether it enqueued, so listeners hear it after commit. */
  private write(what: string, fn: () => boolean): void {
    const enqueued = withStorageErrors(`ledger: ${what}`, () => this.tx.immediate(fn));
    if (!enqueued) return;
    if (this.db.inTransaction) this.enqueuedInOuter = true;
    else this.notifyEnqueued();
  }

  private notifyEnqueued(): void {
    this.enqueued.emit(undefined);
  }
}
