import { describe, expect, it } from 'vitest';
import type { LedgerParcel, PlatformShipmentFacts } from '../../../app/recon/recon-input.schema';
import { DAY, HOUR, MIN, NOW, only, parcel, picking, run, shipment, tracked } from './reconcile.builders';

describe('orphan_label', () => {
  const stray = shipment({ shipmentId: 'shp_x', trackingCode: 'TRKX', reference: null, quotedPrice: 9.99, chargedPrice: 9.99 });

  it('a platform label no station parcel owns: void it; amounts are its quoted price', () => {
    const [found, ...rest] = run({ platform: [shipment(), stray] });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ key: 'orphan_label:easypost:shp_x', severity: 'warning', shipmentId: 'shp_x', trackingCode: 'TRKX', stationId: null });
    expect(found?.amounts).toEqual({ unit: 'USD', expected: 0, actual: 9.99, difference: 9.99 });
    expect(found?.suggestedAction.code).toBe('void_label');
    expect(found?.detail).toContain('for 9.99 USD, belongs to no station');
  });

  it('owned by shipment id or tracking code, voided or a return label: not an orphan', () => {
    const owned = [
      parcel(),
      parcel({ shipmentId: 'shp_v', trackingCode: 'TRKV', voidedAt: NOW - 2 * HOUR }),
      parcel({ shipmentId: 'shp_r', trackingCode: 'TRKR', isReturn: true, weightG: null }),
    ];
    const platform = [shipment(), shipment({ shipmentId: 'shp_v', trackingCode: 'TRKV' }), shipment({ shipmentId: 'shp_r', trackingCode: 'TRKR' }), shipment({ shipmentId: 'shp_other_id', trackingCode: 'trk1' })];
    expect(only('orphan_label', { ledger: [picking({}, owned)], platform })).toEqual([]);
  });

  it('refunded or being refunded, without a label, or younger than the orphan grace: not (yet) an orphan', () => {
    expect(only('orphan_label', { platform: [{ ...stray, refundStatus: 'submitted' }] })).toEqual([]);
    expect(only('orphan_label', { platform: [{ ...stray, refundStatus: 'refunded' }] })).toEqual([]);
    expect(only('orphan_label', { platform: [{ ...stray, trackingCode: null }] })).toEqual([]);
    expect(only('orphan_label', { platform: [{ ...stray, createdAt: NOW - 60 * MIN }] })).toEqual([]);
    expect(only('orphan_label', { platform: [{ ...stray, createdAt: NOW - 61 * MIN }] })).toHaveLength(1);
    expect(only('orphan_label', { platform: [{ ...stray, refundStatus: 'rejected' }] })[0]?.detail).toContain('refund was asked and rejected');
    expect(only('orphan_label', { platform: [stray], platformRead: false })).toEqual([]);
  });
});

describe('weight_variance', () => {
  const billed = (billedWeightG: number | null, weightG = 1200) => only('weight_variance', { ledger: [picking({}, [parcel({ weightG })])], platform: [shipment({ billedWeightG })] });

  it('billed beyond max(50 g, 5 %) of the weighed: dispute it, with the grams', () => {
    expect(billed(1260)).toEqual([]); // 5 % of 1,200 g = 60 g
    const [found] = billed(1261);
    expect(found).toMatchObject({ key: 'weight_variance:shp_1', shipmentId: 'shp_1', stationId: 'st-1', pickingId: 12 });
    expect(found?.amounts).toEqual({ unit: 'g', expected: 1200, actual: 1261, difference: 61 });
    expect(found?.suggestedAction.code).toBe('dispute_adjustment');
    expect(found?.detail).toContain('billed 1261 g for parcel 1 of WH/OUT/00012 at st-1, which weighed 1200 g — 61 g over (tolerance 60 g)');
    expect(billed(450, 400)).toEqual([]); // 50 g floor over 5 % of 400 g
    expect(billed(451, 400)).toHaveLength(1);
  });

  it('billed at or below the weighed, not billed yet, or kg-to-g float noise: no variance', () => {
    expect(billed(900)).toEqual([]);
    expect(billed(null)).toEqual([]);
    expect(billed(1260.0000000000002)).toEqual([]);
    expect(only('weight_variance', { ledger: [picking({}, [parcel({ weightG: null })])], platform: [shipment({ billedWeightG: 5000 })] })).toEqual([]);
  });
});

describe('price_variance', () => {
  const charged = (chargedPrice: number | null, more: Partial<PlatformShipmentFacts> = {}, ledgerParcel = parcel()) =>
    only('price_variance', { ledger: [picking({}, [ledgerParcel])], platform: [shipment({ chargedPrice, ...more })] });

  it('charged more than 0.50 over the station quote, in cents: review the charge, listing the adjustments', () => {
    expect(charged(8.0)).toEqual([]);
    const [found] = charged(8.01, { adjustments: [{ reason: 'fuel surcharge', amount: 0.51 }] });
    expect(found).toMatchObject({ key: 'price_variance:shp_1', shipmentId: 'shp_1', stationId: 'st-1' });
    expect(found?.amounts).toEqual({ unit: 'USD', expected: 7.5, actual: 8.01, difference: 0.51 });
    expect(found?.suggestedAction.code).toBe('review_charge');
    expect(found?.detail).toContain('charged 8.01 USD, st-1 was quoted 7.50 USD — 0.51 USD more (tolerance 0.50 USD). Adjustments: fuel surcharge 0.51 USD.');
  });

  it('compares without float noise: 2.14 charged on a 1.64 quote is exactly the tolerance', () => {
    expect(2.14 - 1.64).toBeGreaterThan(0.5);
    expect(charged(2.14, {}, parcel({ price: 1.64 }))).toEqual([]);
  });

  it('an adjustment that speaks of weight is disputed', () => {
    expect(charged(9.75, { adjustments: [{ reason: 'Carrier weight correction', amount: 2.25 }] })[0]?.suggestedAction.code).toBe('dispute_adjustment');
  });

  it('quotes from the station ledger first, the platform when the station has none or another currency', () => {
    expect(charged(7.9, { quotedPrice: 7.0 })).toEqual([]);
    expect(charged(7.9, { quotedPrice: 7.0 }, parcel({ price: null }))[0]?.amounts).toEqual({ unit: 'USD', expected: 7, actual: 7.9, difference: 0.9 });
    expect(charged(7.9, { quotedPrice: 7.0 }, parcel({ currency: 'EUR' }))[0]?.detail).toContain('the platform quoted 7.00 USD');
  });

  it('not charged yet, refunded, or nothing quoted: no variance', () => {
    expect(charged(null)).toEqual([]);
    expect(charged(20, { refundStatus: 'refunded' })).toEqual([]);
    expect(charged(20, { quotedPrice: null }, parcel({ price: null }))).toEqual([]);
  });
});

describe('no_tracking_progress', () => {
  const old = (patch: Partial<LedgerParcel> = {}) => [picking({}, [parcel({ boughtAt: NOW - 3 * DAY, ...patch })])];

  it('a label older than 2 days still pre-transit or unknown: contact the carrier', () => {
    const [found] = only('no_tracking_progress', { ledger: old(), platform: [shipment({ trackingStatus: 'pre_transit', lastTrackingAt: null })] });
    expect(found).toMatchObject({ key: 'no_tracking_progress:shp_1', trackingCode: 'TRK1', shipmentId: 'shp_1', stationId: 'st-1', severity: 'warning' });
    expect(found?.suggestedAction.code).toBe('contact_carrier');
    expect(found?.detail).toContain('USPS TRK1 of parcel 1 of WH/OUT/00012 at st-1');
    expect(found?.detail).toContain('(3 days ago), still pre transit, no carrier scan');
    expect(only('no_tracking_progress', { ledger: old(), platform: [shipment({ trackingStatus: null })] })).toHaveLength(1);
  });

  it('exactly 2 days old, or moving: no finding', () => {
    expect(only('no_tracking_progress', { ledger: old({ boughtAt: NOW - 2 * DAY }), platform: [shipment({ trackingStatus: 'unknown' })] })).toEqual([]);
    expect(only('no_tracking_progress', { ledger: old(), platform: [shipment({ trackingStatus: 'in_transit' })] })).toEqual([]);
  });

  it("the hub's tracking speaks before the platform's tracking state", () => {
    const stuck = tracked({ status: 'pre_transit', lastEventAt: NOW - 3 * DAY });
    expect(only('no_tracking_progress', { ledger: old(), platform: [shipment({ trackingStatus: 'unknown' })], tracking: [tracked()] })).toEqual([]);
    const [found] = only('no_tracking_progress', { ledger: old(), platform: [shipment()], tracking: [stuck] });
    expect(found?.detail).toContain(`last event ${new Date(NOW - 3 * DAY).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  });

  it('voided, return, refunded or unknown to both platform and tracking: not judged', () => {
    const stuck = { platform: [shipment({ trackingStatus: 'pre_transit' })] };
    expect(only('no_tracking_progress', { ...stuck, ledger: old({ voidedAt: NOW - 2 * DAY }) })).toEqual([]);
    expect(only('no_tracking_progress', { ...stuck, ledger: old({ isReturn: true }) })).toEqual([]);
    expect(only('no_tracking_progress', { ledger: old(), platform: [shipment({ trackingStatus: 'pre_transit', refundStatus: 'submitted' })] })).toEqual([]);
    expect(only('no_tracking_progress', { ledger: old(), platform: [] })).toEqual([]);
  });
});
