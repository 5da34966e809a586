import type { Database } from 'better-sqlite3';
import { StationError } from '../../app/domain/errors';
import { ParcelSchema } from '../../app/domain/parcel.schema';
import type { Parcel } from '../../app/domain/parcel.schema';
import { PickingSchema } from '../../app/domain/picking.schema';
import type { Picking } from '../../app/domain/picking.schema';
import { ShipmentSchema } from '../../app/domain/shipment.schema';
import type { Shipment } from '../../app/domain/shipment.schema';
import type { Clock, Ledger, Unsubscribe } from '../../app/ports';
import { statementCache } from '../db/prepared';
import type { StatementCache } from '../db/prepared';
import { withStorageErrors } from '../db/sqlite-errors';
import { parseJsonColumn } from './outbox-rows.schema';
import { OutboxStore } from './outbox.store';
import { z } from 'zod';

const CachedPickingRowSchema = z.object({ picking_id: z.number().int(), picking: z.string() });
const ShipmentRowSchema = z.object({ shipment_id: z.string(), shipment: z.string().nullable() });

export const orderKeyFor = (pickingId: number): string => `picking:${pickingId}`;

/** Attachment name in Odoo; unique per parcel and tracking code, so a retried upload finds the earlier one. */
export const labelNameFor = (pickingName: string, parcelIndex: number, trackingCode: string, format = 'ZPL'): string =>
  `Label-${pickingName.replace(/\//g, '-')}-${parcelIndex}-${trackingCode}.${format.toLowerCase()}`;

const scanKeysOf = (picking: Picking): string[] =>
  [...new Set([picking.name, picking.origin].map((k) => k?.trim() ?? '').filter((k) => k.length > 0))];

/**
 * The station's ledger on SQLite. Every business fact and the outbox event that tells a remote about it are written
 * in ONE transaction, so either both survive a crash or neither does. Each record is idempotent: the packing machine
 * may repeat a step after a restart without creating a second event.
 */
export class SqliteLedger implements Ledger {
  private readonly db: Database;
  private readonly sql: StatementCache;
  private readonly clock: Clock;
  private readonly outbox: OutboxStore;
  private readonly enqueueListeners = new Set<() => void>();

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.sql = statementCache(db);
    this.clock = clock;
    this.outbox = new OutboxStore(db, clock);
  }

  /** Called after a transaction that enqueued events has committed; the composition root wires SyncEngine.kick(). */
  onEnqueued(listener: () => void): Unsubscribe {
    this.enqueueListeners.add(listener);
    return () => this.enqueueListeners.delete(listener);
  }

  cachePicking(picking: Picking): void {
    const valid = PickingSchema.parse(picking);
    this.write('cache picking', () => {
      const now = this.now();
      this.sql
        .prepare(
          `INSERT INTO picking_cache (picking_id, name, picking, cached_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(picking_id) DO UPDATE SET name = excluded.name, picking = excluded.picking, cached_at = excluded.cached_at`,
        )
        .run(valid.id, valid.name, JSON.stringify(valid), now);
      this.sql.prepare(`DELETE FROM picking_scan_keys WHERE picking_id = ?`).run(valid.id);
      const insertKey = this.sql.prepare(`INSERT OR REPLACE INTO picking_scan_keys (scan_key, picking_id) VALUES (?, ?)`);
      for (const key of scanKeysOf(valid)) insertKey.run(key, valid.id);
      return false;
    });
  }

  cachedPicking(scan: string): Picking | null {
    const key = scan.trim();
    if (key.length === 0) return null;
    const raw: unknown = this.sql
      .prepare(
        `SELECT c.picking_id, c.picking FROM picking_scan_keys k JOIN picking_cache c ON c.picking_id = k.picking_id
         WHERE k.scan_key = ?`,
      )
      .get(key);
    if (raw === undefined) return null;
    const row = CachedPickingRowSchema.parse(raw);
    const picking = parseJsonColumn(row.picking, PickingSchema);
    if (picking !== null) return picking;
    // A cache row is only a copy of Odoo's data: drop it so the picking is fetched again, but keep the bytes visible.
    this.write('quarantine cached picking', () => {
      this.outbox.addDeadLetter({ target: 'local', orderKey: orderKeyFor(row.picking_id), reason: 'unparseable cached picking', raw: row.picking });
      this.sql.prepare(`DELETE FROM picking_cache WHERE picking_id = ?`).run(row.picking_id);
      return false;
    });
    return null;
  }

  recordParcelPacked(picking: Picking, parcel: Parcel): void {
    const valid = ParcelSchema.parse(parcel);
    if (valid.pickingId !== picking.id) {
      throw new StationError('REJECTED', `parcel of picking ${valid.pickingId} recorded on picking ${picking.id} (${picking.name})`);
    }
    this.write('record parcel', () => {
      const inserted = this.sql
        .prepare(`INSERT OR IGNORE INTO parcels (picking_id, parcel_index, parcel, weight_g, packed_at) VALUES (?, ?, ?, ?, ?)`)
        .run(valid.pickingId, valid.index, JSON.stringify(valid), valid.weightG, this.now()).changes;
      if (inserted === 0) return false;
      this.outbox.enqueue('odoo', orderKeyFor(picking.id), { type: 'parcel.packed', parcel: valid });
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

  recordLabelBought(picking: Picking, parcelIndex: number, reference: string, shipment: Shipment): void {
    const valid = ShipmentSchema.parse(shipment);
    this.write('record label', () => {
      const raw: unknown = this.sql.prepare(`SELECT shipment_id, shipment FROM shipments WHERE reference = ?`).get(reference);
      const existing = raw === undefined ? null : ShipmentRowSchema.parse(raw);
      if (existing?.shipment != null && existing.shipment_id === valid.shipmentId) return false;
      const now = this.now();
      this.sql
        .prepare(
          `INSERT INTO shipments (reference, shipment_id, picking_id, parcel_index, tracking_code, shipment, created_at, bought_at)
           VALUES (@reference, @shipmentId, @pickingId, @parcelIndex, @trackingCode, @shipment, @now, @now)
           ON CONFLICT(reference) DO UPDATE SET shipment_id = @shipmentId, picking_id = @pickingId, parcel_index = @parcelIndex,
             tracking_code = @trackingCode, shipment = @shipment, bought_at = @now`,
        )
        .run({
          reference,
          shipmentId: valid.shipmentId,
          pickingId: picking.id,
          parcelIndex,
          trackingCode: valid.trackingCode,
          shipment: JSON.stringify(valid),
          now,
        });
      this.outbox.enqueue('odoo', orderKeyFor(picking.id), {
        type: 'label.bought',
        pickingId: picking.id,
        parcelIndex,
        shipmentId: valid.shipmentId,
        trackingCode: valid.trackingCode,
        labelName: labelNameFor(picking.name, parcelIndex, valid.trackingCode, valid.label.format),
        labelZpl: valid.label.data,
      });
      return true;
    });
  }

  recordLabelPrinted(picking: Picking, parcelIndex: number): void {
    this.write('record label printed', () => {
      const now = this.now();
      this.sql
        .prepare(
          `INSERT INTO labels_printed (picking_id, parcel_index, first_printed_at, last_printed_at) VALUES (@id, @index, @now, @now)
           ON CONFLICT(picking_id, parcel_index) DO UPDATE SET last_printed_at = @now, times = times + 1`,
        )
        .run({ id: picking.id, index: parcelIndex, now });
      return false;
    });
  }

  recordPickingPacked(picking: Picking): void {
    this.write('record picking packed', () => {
      const inserted = this.sql
        .prepare(`INSERT OR IGNORE INTO pickings_packed (picking_id, name, packed_at) VALUES (?, ?, ?)`)
        .run(picking.id, picking.name, this.now()).changes;
      if (inserted === 0) return false;
      this.outbox.enqueue('odoo', orderKeyFor(picking.id), { type: 'picking.validate', pickingId: picking.id });
      return true;
    });
  }

  private now(): number {
    return Math.floor(this.clock.now());
  }

  /** Runs `fn` in one IMMEDIATE transaction; `fn` returns whether it enqueued, so listeners hear it after commit. */
  private write(what: string, fn: () => boolean): void {
    const enqueued = withStorageErrors(`ledger: ${what}`, () => this.db.transaction(fn).immediate());
    if (!enqueued) return;
    for (const listener of this.enqueueListeners) {
      try {
        listener();
      } catch {
        // A listener only speeds delivery up; the engine's idle tick finds the event anyway.
      }
    }
  }
}
