import { describe, expect, it } from 'vitest';
import { businessDaysBetween } from '../../../../app/carrier/business-days';
import { compareDecimalStrings, sumDecimalStrings } from '../../../../app/carrier/decimal';
import { checkShipment } from '../../../../app/carrier/shipment-checks';
import type { Address } from '../../../../app/domain/address.schema';

const to: Address = { name: 'Elizabeth Swan', street1: '179 N Harbor Dr', city: 'Redondo Beach', state: 'CA', zip: '90277', country: 'US' };
const box = { id: 3, name: 'Box M', barcode: null, tareG: 150, lengthMm: 254, widthMm: 203, heightMm: 101, maxWeightG: 10_000 };
const req = (a: Partial<Address> = {}, weightG = 1500) => ({ to: { ...to, ...a }, parcel: { weightG, packageType: box } });

describe('checkShipment', () => {
  it('passes a complete address and a weighed parcel', () => {
    expect(checkShipment(req())).toBeNull();
    expect(checkShipment(req({ zip: '90277-1234' }))).toBeNull();
    expect(checkShipment(req({ country: 'GB', zip: 'SW1A 1AA', state: undefined }))).toBeNull();
  });

  it.each([
    [{ street1: ' ' }, 'data_missing', 'The delivery address of Elizabeth Swan has no street'],
    [{ city: '' }, 'data_missing', 'The delivery address of Elizabeth Swan has no city'],
    [{ zip: '' }, 'data_missing', 'The delivery address of Elizabeth Swan has no postcode (US addresses need one)'],
    [{ zip: '9027' }, 'address_invalid', '"9027" is not a postcode of US'],
    [{ country: 'NL', zip: '1012' }, 'address_invalid', '"1012" is not a postcode of NL'],
  ])('refuses %o as %s', (a, kind, detail) => {
    expect(checkShipment(req(a))).toMatchObject({ kind, detail });
  });

  it('does not ask for a postcode where the country has none, and does not check shapes it does not know', () => {
    expect(checkShipment(req({ country: 'AE', zip: '', city: 'Dubai' }))).toBeNull();
    expect(checkShipment(req({ country: 'PT', zip: 'anything' }))).toBeNull();
  });

  it('refuses no weight and a parcel heavier than its package holds', () => {
    expect(checkShipment(req({}, 0))).toMatchObject({ kind: 'data_missing', detail: 'The parcel has no weight' });
    expect(checkShipment(req({}, 12_500))).toMatchObject({ kind: 'weight_limit', detail: '12.50 kg is above what a Box M holds (10.00 kg)' });
  });
});

describe('business days and money', () => {
  it('counts Monday to Friday after the first date up to the second', () => {
    expect(businessDaysBetween('2026-12-02', '2026-12-02')).toBe(0);
    expect(businessDaysBetween('2026-12-04', '2026-12-07')).toBe(1); // Fri → Mon
    expect(businessDaysBetween('2026-12-02', '2026-12-16')).toBe(10);
    expect(businessDaysBetween('2026-12-02', '2026-11-30')).toBe(0);
    expect(businessDaysBetween('soon', '2026-12-02')).toBeNull();
  });

  it('compares and sums decimal strings exactly', () => {
    expect(compareDecimalStrings('10.50', '9.90')).toBe(1);
    expect(compareDecimalStrings('6.1', '6.10')).toBe(0);
    expect(sumDecimalStrings(['6.07', '10.5', '0.03'])).toBe('16.60');
    expect(sumDecimalStrings(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimalStrings([])).toBe('0');
    expect(() => compareDecimalStrings('n/a', '1')).toThrow(RangeError);
  });
});
