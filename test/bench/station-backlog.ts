/**
 * The backlog the Odoo benches drain, written as the packing flow writes it: each picking's lines dealt over its
 * parcels, a carrier label of the real layout per parcel, the events through the station's ledger into a real
 * SQLite outbox, each picking's basis recorded as its load records it (the deliverer checks for conflicts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Parcel } from '../../app/domain/parcel.schema';
import type { Picking } from '../../app/domain/picking.schema';
import type { Shipment } from '../../app/domain/shipment.schema';
import { basisOf } from '../../app/sync/picking-drift';
import { systemClock } from '../../main/system-clock';
import { PickingBasisStore } from '../../sync/conflicts/picking-basis.store';
import { closeStationDb, openStationDb } from '../../sync/db/station-db';
import { OutboxStore } from '../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../sync/outbox/picking-cache.store';
import { SqliteLedger } from '../../sync/outbox/sqlite-ledger';
import { buildCarrierLabelZpl } from '../../sync/sim/carrier/carrier-label.sim';

/** The packer's boxes: the picking's lines dealt over `count` parcels, each weighed with its box. */
export function parcelsOf(picking: Picking, count: number): Parcel[] {
  const typeId = picking.defaultPackageTypeId ?? picking.packageTypes[0]?.id ?? null;
  const tareG = picking.packageTypes.find((t) => t.id === typeId)?.tareG ?? 0;
  return Array.from({ length: count }, (_, i) => {
    const lines = picking.lines.filter((_, j) => j % count === i);
    const items = lines.map((l) => ({ moveId: l.moveId, productId: l.productId, quantity: l.quantity }));
    const weightG = tareG + lines.reduce((sum, l) => sum + l.quantity * l.unitWeightG, 0);
    return { pickingId: picking.id, index: i + 1, items, packageTypeId: typeId, weightG: Math.max(100, weightG) };
  }).filter((p) => p.items.length > 0);
}

/** What the carrier sandbox sells: a 4×6 ZPL label of the real layout (≈2 KB). */
export function shipmentOf(picking: Picking, parcel: Parcel): Shipment {
  const trackingCode = `9400${String(picking.id).padStart(16, '0')}${parcel.index}`;
  const shipmentId = `shp_${picking.id}_${parcel.index}`;
  const data = buildCarrierLabelZpl({
    carrier: 'USPS', service: 'Priority', trackingCode, from: picking.warehouse, to: picking.partner, weightOz: parcel.weightG / 28.35,
    reference: `${picking.name}#${parcel.index}`, shipmentId, date: '2025-01-06',
  });
  return { shipmentId, trackingCode, rate: { id: 'rate_1', carrier: 'USPS', service: 'Priority', rate: '7.58', currency: 'USD' }, label: { format: 'ZPL', dpi: 203, data } };
}

/**
 * A station database whose outbox holds the backlog of `pickings`, written as the packing flow writes it (each
 * picking's basis recorded as its load records it, so the deliverer checks for conflicts as the station's does).
 */
export function stationWithBacklog(pickings: readonly Picking[], parcelsPerPicking: number): { store: OutboxStore; basis: PickingBasisStore; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'odoo-drain-'));
  const db = openStationDb(join(dir, 'station.db'));
  const store = new OutboxStore(db, systemClock);
  const ledger = new SqliteLedger(db, systemClock, store);
  const cache = new SqlitePickingCache(db, systemClock, store);
  const basis = new PickingBasisStore(db, systemClock);
  for (const picking of pickings) basis.record(basisOf(picking));
  // One transaction per 100 pickings: filling the backlog is setup, not what is measured.
  for (let i = 0; i < pickings.length; i += 100) {
    ledger.atomically(() => {
      for (const picking of pickings.slice(i, i + 100)) {
        cache.cachePicking(picking);
        for (const parcel of parcelsOf(picking, parcelsPerPicking)) {
          ledger.recordParcelPacked(parcel);
          ledger.recordLabelBought(picking.id, parcel.index, `${picking.name}#${parcel.index}`, shipmentOf(picking, parcel));
        }
        ledger.recordPickingPacked(picking.id);
      }
    });
  }
  return { store, basis, close: () => (closeStationDb(db), rmSync(dir, { recursive: true, force: true })) };
}

