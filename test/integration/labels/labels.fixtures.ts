/** Shared inputs for the label tests: a picking with lots and serials, its parcel, and image measurements. */
import { PNG } from 'pngjs';
import type { Parcel, Picking } from '../../../app/domain';

const warehouse = { name: 'Acme Fulfilment', company: 'Acme GmbH', street1: 'Lagerstraße 7', city: 'Köln', zip: '50667', country: 'DE' };
const customer = { name: 'Zoë "Z^~" O\'Brien', street1: '221B Baker Street', street2: 'Flat 2', city: 'London', zip: 'NW1 6XE', country: 'GB' };

export const picking: Picking = {
  id: 7,
  name: 'WH/OUT/00077',
  state: 'assigned',
  origin: 'S00077',
  partner: customer,
  warehouse,
  carrier: { id: 3, name: 'EasyPost' },
  lines: [
    { moveId: 1, productId: 11, productName: 'Espresso cup, porcelain, white', defaultCode: 'CUP-01', barcode: '5901234123457', quantity: 4, uom: 'Units', unitWeightG: 120 },
    { moveId: 2, productId: 12, productName: 'Coffee beans 1 kg', defaultCode: null, barcode: '4006381333931', quantity: 2, uom: 'Units', unitWeightG: 1000 },
    { moveId: 3, productId: 13, productName: 'Grinder Ü-500 with a product name far too long for one line', defaultCode: 'GR-500', barcode: null, quantity: 1, uom: 'Units', unitWeightG: 900 },
  ],
  packageTypes: [],
  defaultPackageTypeId: null,
};

export const parcel: Parcel = {
  pickingId: 7,
  index: 1,
  items: [
    { moveId: 1, productId: 11, quantity: 4 },
    { moveId: 2, productId: 12, quantity: 2, lots: ['L2024-11'] },
    { moveId: 3, productId: 13, quantity: 1, serials: ['SN-0001'] },
  ],
  packageTypeId: null,
  weightG: 3550,
};

/** Bounding box of the dark dots of a rendered label, in pixels, and the image size. */
export function inkBox(png: Buffer): { width: number; height: number; x0: number; y0: number; x1: number; y1: number } {
  const img = PNG.sync.read(png);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < img.height; y += 1) {
    for (let x = 0; x < img.width; x += 1) {
      const i = (y * img.width + x) * 4;
      if ((img.data[i] ?? 255) < 128 && (img.data[i + 3] ?? 0) > 0) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
  }
  return { width: img.width, height: img.height, x0, y0, x1, y1 };
}

/** The same box in millimetres at `dpmm` dots per mm. */
export function inkBoxMm(png: Buffer, dpmm: number): { x0: number; y0: number; x1: number; y1: number } {
  const b = inkBox(png);
  return { x0: b.x0 / dpmm, y0: b.y0 / dpmm, x1: (b.x1 + 1) / dpmm, y1: (b.y1 + 1) / dpmm };
}
