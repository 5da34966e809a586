import { describe, expect, it } from 'vitest';
import { buildCarrierLabelZpl, groupTracking, zplFieldData } from '../../../../sync/sim/carrier/carrier-label.sim';

const input = {
  carrier: 'USPS',
  service: 'GroundAdvantage',
  trackingCode: '9400100208303109505657',
  from: { name: 'Jack Sparrow', street1: '388 Townsend St', street2: 'Apt 20', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US' },
  to: { name: 'Zoë ^Müller~_', street1: '179 N Harbor Dr', city: 'Redondo Beach', state: 'CA', zip: '90277', country: 'US' },
  weightOz: 15.4,
  reference: 'WH/OUT/00012#1',
  shipmentId: 'shp_16578f588f9546ec914afd2474e24ff5',
  date: '2025-03-07',
};

describe('carrier label ZPL', () => {
  it('is a 4x6 in label at 203 dpi with the tracking code in a Code 128', () => {
    const zpl = buildCarrierLabelZpl(input);
    expect(zpl).toContain('^PW812');
    expect(zpl).toContain('^LL1218');
    expect(zpl).toMatch(/\^BCN,170,N,N,N,A\^FH_\^FD9400100208303109505657\^FS/);
    expect(zpl).toContain('9400 1002 0830 3109 5056 57');
    expect(zpl).toContain('USPS GROUND ADVANTAGE');
    expect(zpl.trim().endsWith('^XZ')).toBe(true);
  });

  it('escapes ZPL control characters and non-ASCII in field data', () => {
    expect(zplFieldData('A^B~C_D')).toBe('^FH_^FDA_5EB_7EC_5FD^FS');
    expect(zplFieldData('Zoë')).toBe('^FH_^FDZo_C3_AB^FS');
    const zpl = buildCarrierLabelZpl(input);
    expect(zpl).not.toContain('^MÜLLER');
    expect(zpl).toContain('ZO_C3_8B _5EM_C3_9CLLER_7E_5F');
  });

  it('groups tracking codes by four', () => {
    expect(groupTracking('1Z999AA10123456784')).toBe('1Z99 9AA1 0123 4567 84');
  });
});
