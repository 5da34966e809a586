import { describe, expect, it } from 'vitest';
import { renderSlip } from '../../../../drivers/printers/escpos-slip-printer';
import { decodeEscPos } from '../../../support/escpos-decode';
import { slipDocument } from '../../../support/slip-fixture';

// A fractional quantity, a line without a code and a two-line footer: the cases the layout must handle.
const DOC = slipDocument({
  customer: ['Anna Müller', 'Hauptstraße 5', '10115 Berlin', 'DE'],
  lines: [
    { qty: 2, code: 'FURN_0001', name: 'Desk lamp' },
    { qty: 1.5, code: '', name: 'Cable, per metre' },
  ],
  footer: '1 parcel(s), 2.40 kg\nThank you!',
});

describe('renderSlip → ESC/POS', () => {
  it('decodes back to the slip text, barcode and cut', () => {
    const lines = decodeEscPos(renderSlip(DOC, { width: 32 }));
    const rule = '-'.repeat(32);
    expect(lines).toEqual([
      'Packing slip',
      'Order: S00042',
      'Picking: WH/OUT/00012',
      rule,
      'Ship to:',
      'Anna Müller',
      'Hauptstraße 5',
      '10115 Berlin',
      'DE',
      rule,
      '2 x FURN_0001 Desk lamp',
      '1.5 x Cable, per metre',
      rule,
      '[barcode CODE128 WH/OUT/00012]',
      '',
      '1 parcel(s), 2.40 kg',
      'Thank you!',
      '[cut]',
    ]);
  });
});
