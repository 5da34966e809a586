import type { SlipDocument } from '../../app/domain/slip.schema';

/**
 * A packing slip for the ESC/POS tests: order S00042 from picking WH/OUT/00012, with non-ASCII in the address (the
 * slip's code page must carry it). Tests override what they are about: address, lines, footer.
 */
export function slipDocument(overrides: Partial<SlipDocument> = {}): SlipDocument {
  return {
    title: 'Packing slip',
    orderRef: 'S00042',
    pickingName: 'WH/OUT/00012',
    customer: ['Zoë Lefèvre', '12 rue de la Paix', '75002 Paris', 'FR'],
    lines: [
      { qty: 3, code: 'E-COM07', name: 'Large cabinet' },
      { qty: 1, code: 'E-COM10', name: 'Pedal bin' },
    ],
    barcode: 'WH/OUT/00012',
    footer: '1 parcel(s), 12.50 kg',
    ...overrides,
  };
}
