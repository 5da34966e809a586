/** The fixture picking with tracked products, shared by the lot and serial scan tests. */
import type { Picking } from '../../../../app/domain';
import { picking } from './packing.fixtures';

/** Valid EAN-13s for the tracked products, so a GS1 (01) of them resolves. */
export const BEANS = '4006381333931';
export const SCANNER = '9501101530003';

/** The fixture picking plus 3 lot-tracked beans (LOT-A ×2, LOT-B ×1) and 2 serial-tracked scanners (SN-1, SN-2). */
export const tracked: Picking = {
  ...picking,
  lines: [
    ...picking.lines,
    {
      moveId: 13, productId: 103, productName: 'Beans', defaultCode: 'BEANS', barcode: BEANS, quantity: 3, uom: 'Units', unitWeightG: 100,
      tracking: 'lot', lots: [{ name: 'LOT-A', quantity: 2 }, { name: 'LOT-B', quantity: 1 }],
    },
    {
      moveId: 14, productId: 104, productName: 'Scanner', defaultCode: 'SCAN-X1', barcode: SCANNER, quantity: 2, uom: 'Units', unitWeightG: 50,
      tracking: 'serial', lots: [{ name: 'SN-1', quantity: 1 }, { name: 'SN-2', quantity: 1 }],
    },
  ],
};
