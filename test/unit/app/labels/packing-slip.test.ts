import { describe, expect, it } from 'vitest';
import { SlipDocumentSchema } from '../../../../app/domain/slip.schema';
import { packingSlip } from '../../../../app/labels/packing-slip';
import { parcel, picking } from '../../../integration/labels/labels.fixtures';

describe('packingSlip', () => {
  it('lists what the parcels hold against the order, with the customer and the picking barcode', () => {
    const second = { ...parcel, index: 2, items: [{ moveId: 1, productId: 11, quantity: 2 }], weightG: 450 };
    const slip = packingSlip(picking, [parcel, second]);
    expect(slip).toEqual({
      title: 'Packing slip',
      orderRef: 'S00077',
      pickingName: 'WH/OUT/00077',
      customer: ['Zoë "Z^~" O\'Brien', '221B Baker Street', 'Flat 2', 'NW1 6XE London', 'GB'],
      lines: [
        { qty: 6, code: 'CUP-01', name: 'Espresso cup, porcelain, white' },
        { qty: 2, code: '4006381333931', name: 'Coffee beans 1 kg' },
        { qty: 1, code: 'GR-500', name: 'Grinder Ü-500 with a product name far too long for one line' },
      ],
      barcode: 'WH/OUT/00077',
      footer: '2 parcel(s), 4.00 kg',
    });
    expect(SlipDocumentSchema.parse(slip)).toEqual(slip);
  });

  it('names what stayed behind in a partial shipment and falls back to the picking name without an order', () => {
    const partial = { ...parcel, items: [{ moveId: 1, productId: 11, quantity: 3 }] };
    const slip = packingSlip({ ...picking, origin: null }, [partial]);
    expect(slip.orderRef).toBe('WH/OUT/00077');
    expect(slip.lines).toEqual([{ qty: 3, code: 'CUP-01', name: 'Espresso cup, porcelain, white' }]);
    expect(slip.footer).toBe('1 parcel(s), 3.55 kg\nNot in this shipment: 1 x CUP-01, 2 x 4006381333931, 1 x GR-500');
  });

  it("refuses a parcel of another picking or with a move that is not on it", () => {
    expect(() => packingSlip(picking, [{ ...parcel, pickingId: 8 }])).toThrow(/belongs to picking 8/);
    expect(() => packingSlip(picking, [{ ...parcel, items: [{ moveId: 99, productId: 1, quantity: 1 }] }])).toThrow(/move 99/);
  });
});
