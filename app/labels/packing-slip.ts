/**
 * The packing slip for the box: what was shipped against which order, for the customer (ESC/POS slip printer, or
 * any renderer of SlipDocument). Quantities are what the parcels actually hold, summed per picking line, so a
 * partial shipment never claims more than is in the boxes; what stayed behind is named in the footer.
 */
import { postalLines } from '../domain/address.schema';
import type { Parcel } from '../domain/parcel.schema';
import type { Picking } from '../domain/picking.schema';
import type { SlipDocument } from '../domain/slip.schema';
import { StationError } from '../domain/errors';

export function packingSlip(picking: Picking, parcels: readonly Parcel[]): SlipDocument {
  const packed = new Map<number, number>();
  for (const parcel of parcels) {
    if (parcel.pickingId !== picking.id) {
      throw new StationError('REJECTED', `parcel ${parcel.index} belongs to picking ${parcel.pickingId}, not ${picking.name}`);
    }
    for (const item of parcel.items) {
      if (!picking.lines.some((l) => l.moveId === item.moveId)) {
        throw new StationError('REJECTED', `parcel ${parcel.index} holds move ${item.moveId}, which is not on picking ${picking.name}`);
      }
      packed.set(item.moveId, (packed.get(item.moveId) ?? 0) + item.quantity);
    }
  }
  const code = (l: Picking['lines'][number]): string => l.defaultCode ?? l.barcode ?? '';
  const lines = picking.lines
    .filter((l) => (packed.get(l.moveId) ?? 0) > 0)
    .map((l) => ({ qty: packed.get(l.moveId) ?? 0, code: code(l), name: l.productName }));
  const missing = picking.lines
    .map((l) => ({ l, short: l.quantity - (packed.get(l.moveId) ?? 0) }))
    .filter(({ short }) => short > 1e-9)
    .map(({ l, short }) => `${short} x ${code(l) || l.productName}`);
  const weightKg = parcels.reduce((sum, p) => sum + p.weightG, 0) / 1000;
  const footer = [
    `${parcels.length} parcel(s), ${weightKg.toFixed(2)} kg`,
    ...(missing.length > 0 ? [`Not in this shipment: ${missing.join(', ')}`] : []),
  ].join('\n');
  return {
    title: 'Packing slip',
    orderRef: picking.origin ?? picking.name,
    pickingName: picking.name,
    customer: postalLines(picking.partner),
    lines,
    barcode: picking.name,
    footer,
  };
}
