/**
 * Shippo's wire forms the sandbox does not send on its own: DRF error bodies in their other shapes, a transaction
 * whose `rate` is an id (pre-2018 API versions), ZPL made for 300/600 dpi, and the rounding of metric parcels.
 */
import { describe, expect, it } from 'vitest';
import { readShippoError } from '../../../../sync/carrier/shippo.errors';
import { toShippoParcel, toVerdict, zplDpi } from '../../../../sync/carrier/shippo.mapping';
import { rateIdOf, ShippoTransactionSchema } from '../../../../sync/carrier/shippo.schema';

const box = { id: 1, name: 'Box', barcode: null, tareG: 0, lengthMm: 300, widthMm: 200.01, heightMm: 99.99, maxWeightG: null };

describe('Shippo error bodies', () => {
  it('reads detail, title, nested __all__ and list bodies; not a proxy page', () => {
    expect(readShippoError({ detail: 'Token does not exist' })).toEqual({ code: null, message: 'Token does not exist', errors: [] });
    expect(readShippoError({ title: 'Carrier Account not found', detail: 'no such account' })).toEqual({ code: 'Carrier Account not found', message: 'no such account', errors: [] });
    // Verbatim shape from goshippo/shippo-ruby-client#28 and #87.
    expect(readShippoError({ address_from: [{ __all__: ["For an Address to be PURCHASE'able, all information must be provided."] }], __all__: ['PURCHASEable Shipments can only be created from PURCHASEable and VALID Addresses.'] })?.errors).toEqual([
      "address_from: For an Address to be PURCHASE'able, all information must be provided.",
      'PURCHASEable Shipments can only be created from PURCHASEable and VALID Addresses.',
    ]);
    expect(readShippoError({ parcels: [{}, { weight: ['This field is required.'] }] })?.errors).toEqual(['parcels.1.weight: This field is required.']);
    expect(readShippoError(['Something went wrong.'])?.errors).toEqual(['Something went wrong.']);
    expect(readShippoError('<html>502</html>')).toBeNull();
  });
});

describe('Shippo values', () => {
  it('takes a transaction rate as an id or as a CoreRate', () => {
    const asId = ShippoTransactionSchema.parse({ object_id: 't1', status: 'SUCCESS', rate: 'r1', messages: null });
    const asObject = ShippoTransactionSchema.parse({ object_id: 't2', status: 'SUCCESS', rate: { object_id: 'r2', amount: '5.5' } });
    expect([rateIdOf(asId), rateIdOf(asObject), asId.messages]).toEqual(['r1', 'r2', []]);
  });

  it('rounds parcels up: whole grams below 1 kg, kg with three decimals from 1 kg, cm to the millimetre', () => {
    expect(toShippoParcel({ weightG: 0.2, packageType: box })).toEqual({ length: '30', width: '20.1', height: '10', distance_unit: 'cm', weight: '1', mass_unit: 'g' });
    expect(toShippoParcel({ weightG: 999.2, packageType: box })).toMatchObject({ weight: '1.000', mass_unit: 'kg' });
    expect(toShippoParcel({ weightG: 12_345.6, packageType: box })).toMatchObject({ weight: '12.346', mass_unit: 'kg' });
  });

  it('reads the dpi a ZPL label was made for from its print width', () => {
    expect(zplDpi('^XA^PW812^LL1218^XZ')).toBe(203);
    expect(zplDpi('^XA^PW1200^XZ')).toBe(300);
    expect(zplDpi('^XA^PW2400^XZ')).toBe(600);
    expect(zplDpi('^XA^FDno width^FS^XZ')).toBe(203);
  });

  it('treats an address Shippo did not validate as standing, not as refused', () => {
    const a = { name: 'A', street1: '1 Rue de Rivoli', city: 'Paris', zip: '75001', country: 'FR' };
    expect(toVerdict(a, { object_id: 'x', validation_results: {} })).toEqual({ ok: true, address: a, corrected: false });
    expect(toVerdict(a, { object_id: 'x', validation_results: { is_valid: false, messages: [] } })).toEqual({ ok: false, problems: ['Shippo could not validate this address'] });
  });
});
