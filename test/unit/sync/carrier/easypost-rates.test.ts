import { describe, expect, it } from 'vitest';
import { compareDecimalStrings, lowestRate, pickRate } from '../../../../sync/carrier/easypost.rates';
import { EasyPostShipmentSchema } from '../../../../sync/carrier/easypost.schema';
import { readCassette, readDocsResponse } from './cassette.fixture';

const recordedRates = () => {
  const [create] = readCassette('test_shipment_lowest_rate.yaml');
  return EasyPostShipmentSchema.parse(create?.body).rates;
};

describe('compareDecimalStrings', () => {
  it('compares numerically where string order lies', () => {
    expect(compareDecimalStrings('10.50', '9.90')).toBeGreaterThan(0);
    expect('10.50' < '9.90').toBe(true); // the trap this function exists for
    expect(compareDecimalStrings('6.07', '34.15')).toBeLessThan(0);
    expect(compareDecimalStrings('100', '99.99')).toBeGreaterThan(0);
  });

  it('treats different scales of the same amount as equal and is exact beyond float precision', () => {
    expect(compareDecimalStrings('6.07', '6.070')).toBe(0);
    expect(compareDecimalStrings('7', '7.00')).toBe(0);
    expect(compareDecimalStrings('0.30000000000000001', '0.3')).toBeGreaterThan(0);
    expect(compareDecimalStrings('-1.5', '1.5')).toBeLessThan(0);
  });

  it('rejects what is not a decimal with a typed error', () => {
    expect(() => compareDecimalStrings('6,07', '1')).toThrow(expect.objectContaining({ code: 'INVALID_REPLY' }));
  });
});

describe('pickRate on the recorded EasyPost rates', () => {
  it('takes the lowest rate like easypost-python lowest_rate(): GroundAdvantage "6.07"', () => {
    const rate = pickRate(recordedRates(), []);
    expect([rate.service, rate.rate]).toEqual(['GroundAdvantage', '6.07']);
  });

  it('honours a preferred service: ["Priority"] → "7.42"', () => {
    expect(pickRate(recordedRates(), ['Priority']).rate).toBe('7.42');
  });

  it('takes the first preference offered, case-insensitively, and falls back to the lowest', () => {
    expect(pickRate(recordedRates(), ['Overnight', 'express', 'Priority']).service).toBe('Express');
    expect(pickRate(recordedRates(), ['Overnight']).service).toBe('GroundAdvantage');
  });

  it('prefers the cheapest carrier when several offer the preferred service', () => {
    const rates = [
      { service: 'Ground', rate: '10.50', id: 'a' },
      { service: 'Ground', rate: '9.90', id: 'b' },
      { service: 'Express', rate: '1.00', id: 'c' },
    ];
    expect(pickRate(rates, ['Ground']).id).toBe('b');
    expect(lowestRate(rates)?.id).toBe('c');
  });

  it('works on the docs example reply too (rates in another order)', () => {
    const shipment = EasyPostShipmentSchema.parse(readDocsResponse('responses/shipments-retrieve.json'));
    expect(pickRate(shipment.rates, []).rate).toBe('8.20');
  });

  it('refuses a shipment without rates as REJECTED', () => {
    expect(() => pickRate([], ['Ground'])).toThrow(expect.objectContaining({ code: 'REJECTED' }));
  });
});
