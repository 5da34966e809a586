import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Parcel } from '../../../../app/domain/parcel.schema';
import type { Picking } from '../../../../app/domain/picking.schema';
import type { Shipment } from '../../../../app/domain/shipment.schema';

/** A fresh temp folder per test; `cleanup()` removes it. */
export function tempDir(): { dir: string; file: (name?: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'station-db-'));
  return { dir, file: (name = 'station.db') => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const address = { name: 'Ada Lovelace', street1: '1 Main St', city: 'Springfield', zip: '12345', country: 'US' };

export function picking(id = 12, overrides: Partial<Picking> = {}): Picking {
  return {
    id,
    name: `WH/OUT/${String(id).padStart(5, '0')}`,
    state: 'assigned',
    origin: `S${String(id).padStart(5, '0')}`,
    partner: address,
    warehouse: { ...address, name: 'Warehouse' },
    carrier: { id: 1, name: 'Demo carrier' },
    // As the ledger reads a cached picking back: parsing fills `tracking` and `lots`.
    lines: [
      { moveId: 100 + id, productId: 7, productName: 'Widget', defaultCode: 'W-1', barcode: '400000000001', quantity: 2, uom: 'Units', unitWeightG: 250, tracking: 'none', lots: [] },
    ],
    packageTypes: [],
    defaultPackageTypeId: null,
    ...overrides,
  };
}

export function parcel(pickingId = 12, index = 1): Parcel {
  return { pickingId, index, items: [{ moveId: 100 + pickingId, productId: 7, quantity: 1 }], packageTypeId: null, weightG: 512 };
}

export function shipment(tracking = '9400100000000000000001', shipmentId = 'shp_1'): Shipment {
  return {
    shipmentId,
    trackingCode: tracking,
    rate: { id: 'rate_1', carrier: 'USPS', service: 'Priority', rate: '7.58', currency: 'USD' },
    label: { format: 'ZPL', dpi: 203, data: `^XA^FO50,50^BCN,100^FD${tracking}^FS^XZ` },
  };
}
