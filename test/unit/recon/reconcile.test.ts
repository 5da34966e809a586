import { describe, expect, it } from 'vitest';
import { HubLedgerFactSchema } from '../../../app/hub/ledger-event.schema';
import { ledgerPickings } from '../../../app/recon/ledger-pickings';
import { checkedKinds, RECON_KINDS, reconcile } from '../../../app/recon/reconcile';
import { DAY, HOUR, input, keys, MIN, NOW, odoo, only, parcel, picking, run, shipment, tracked } from './reconcile.builders';

describe('reconcile', () => {
  it('finds nothing when the station, Odoo and the platform agree', () => {
    expect(run()).toEqual([]);
  });

  describe('packed_not_done', () => {
    it('a picking packed past the grace that Odoo has not done is critical: validate it in Odoo', () => {
      const [found, ...rest] = run({ odoo: [odoo({ state: 'assigned' })] });
      expect(rest).toEqual([]);
      expect(found).toMatchObject({ key: 'packed_not_done:12', severity: 'critical', source: 'reconciliation', stationId: 'st-1', pickingId: 12, pickingName: 'WH/OUT/00012' });
      expect(found?.suggestedAction.code).toBe('validate_in_odoo');
      expect(found?.detail).toContain('WH/OUT/00012 was packed at st-1');
      expect(found?.detail).toContain('tracking TRK1');
      expect(found?.detail).toContain('Odoo has it assigned, not done');
    });

    it('waits out packedGraceMinutes: packed exactly 30 min ago is not yet late, 31 min ago is', () => {
      const at = (ago: number) => keys({ ledger: [picking({ packedAt: NOW - ago })], odoo: [odoo({ state: 'assigned' })] });
      expect(at(30 * MIN)).toEqual([]);
      expect(at(31 * MIN)).toEqual(['packed_not_done:12']);
      expect(keys({ ledger: [picking({ packedAt: null })], odoo: [odoo({ state: 'assigned' })] })).toEqual([]);
    });

    it('cancelled in Odoo, or gone from it: check the picking (its labels may need voiding)', () => {
      const [cancelled] = only('packed_not_done', { odoo: [odoo({ state: 'cancel' })] });
      expect(cancelled?.suggestedAction.code).toBe('check_picking_in_odoo');
      expect(cancelled?.detail).toContain('cancelled in Odoo');
      const [gone] = only('packed_not_done', { odoo: [] });
      expect(gone?.suggestedAction.code).toBe('check_picking_in_odoo');
      expect(gone?.detail).toContain('Odoo has no picking 12');
    });

    it('a picking re-packed at another station is judged by the latest packing', () => {
      const first = picking({ stationId: 'st-1', packedAt: NOW - 5 * HOUR });
      const again = picking({ stationId: 'st-2', packedAt: NOW - 2 * HOUR }, [parcel({ shipmentId: 'shp_2', trackingCode: 'TRK2' })]);
      const [found] = only('packed_not_done', { ledger: [again, first], odoo: [odoo({ state: 'assigned' })], platformRead: false });
      expect(found?.stationId).toBe('st-2');
      expect(found?.detail).toContain('tracking TRK2');
    });
  });

  describe('done in Odoo without what the station bought', () => {
    it('each missing thing is its own finding, naming the codes, label count and weight', () => {
      const found = run({ odoo: [odoo({ trackingRefs: ['OTHER1'], attachments: 0, shippingWeightG: null })], platformRead: false });
      expect(found.map((f) => [f.key, f.severity, f.suggestedAction.code])).toEqual([
        ['done_missing_label:12', 'warning', 'attach_label_in_odoo'],
        ['done_missing_tracking:12', 'warning', 'write_tracking_to_odoo'],
        ['done_missing_weight:12', 'warning', 'write_weight_to_odoo'],
        ['unknown_tracking:12', 'warning', 'check_picking_in_odoo'],
      ]);
      expect(found[1]?.detail).toBe('WH/OUT/00012 is done in Odoo without the tracking code TRK1 that st-1 bought (Odoo has: OTHER1).');
      expect(found[1]?.trackingCode).toBe('TRK1');
      expect(found[0]?.detail).toContain('bought 1 label for it (TRK1)');
      expect(found[2]?.detail).toContain('weighed 1 parcel: 1200 g in all');
      expect(only('done_missing_weight', { odoo: [odoo({ shippingWeightG: 0 })] })).toHaveLength(1);
    });

    it('lists only the live outbound codes Odoo lacks: voided, replaced and return labels are not expected; case does not matter', () => {
      const parcels = [
        parcel({ shipmentId: 'shp_0', trackingCode: 'TRK0', voidedAt: NOW - 4 * HOUR }),
        parcel(),
        parcel({ parcelIndex: 2, shipmentId: 'shp_2', trackingCode: 'TRK2' }),
        parcel({ parcelIndex: 1, shipmentId: 'shp_r', trackingCode: 'RET1', isReturn: true, weightG: null }),
      ];
      const [found, ...rest] = only('done_missing_tracking', { ledger: [picking({}, parcels)], odoo: [odoo({ trackingRefs: ['trk1'] })] });
      expect(rest).toEqual([]);
      expect(found?.detail).toContain('without the tracking code TRK2 that');
      expect(only('done_missing_tracking', { ledger: [picking({}, parcels)], odoo: [odoo({ trackingRefs: ['TRK1', 'TRK2'] })] })).toEqual([]);
    });

    it('a label or weight younger than the packed grace is not expected yet; nothing bought or weighed, nothing missing', () => {
      const young = parcel({ boughtAt: NOW - 10 * MIN, packedAt: NOW - 10 * MIN });
      expect(keys({ ledger: [picking({}, [young])], odoo: [odoo({ trackingRefs: [], attachments: 0, shippingWeightG: null })], platformRead: false })).toEqual([]);
      const unlabelled = parcel({ shipmentId: null, trackingCode: null, boughtAt: null, weightG: null });
      expect(keys({ ledger: [picking({}, [unlabelled])], odoo: [odoo({ trackingRefs: [], attachments: 0, shippingWeightG: null })], platformRead: false })).toEqual([]);
    });

    it('not done in Odoo, or Odoo not read: none of these', () => {
      expect(keys({ odoo: [odoo({ state: 'assigned', trackingRefs: [] })] })).toEqual(['packed_not_done:12']);
      expect(keys({ odoo: [odoo({ trackingRefs: [], attachments: 0 })], odooRead: false })).toEqual([]);
    });
  });

  describe('unknown_tracking', () => {
    const handTyped = odoo({ trackingRefs: ['TRK1', 'HAND9'] });

    it('a code in Odoo that no station and no platform knows', () => {
      const [found, ...rest] = only('unknown_tracking', { odoo: [handTyped] });
      expect(rest).toEqual([]);
      expect(found).toMatchObject({ key: 'unknown_tracking:12', trackingCode: 'HAND9', stationId: 'st-1' });
      expect(found?.detail).toContain('the tracking code HAND9 that no station bought');
    });

    it('known to any station (voided too), to a platform or to tracking: not unknown', () => {
      const voidedElsewhere = picking({ stationId: 'st-9', pickingId: 40, packedAt: null }, [parcel({ pickingId: 40, shipmentId: 'shp_9', trackingCode: 'HAND9', voidedAt: NOW - 5 * HOUR })]);
      expect(only('unknown_tracking', { odoo: [handTyped], ledger: [picking(), voidedElsewhere] })).toEqual([]);
      expect(only('unknown_tracking', { odoo: [handTyped], platform: [shipment(), shipment({ shipmentId: 'shp_9', trackingCode: 'HAND9' })] })).toEqual([]);
      expect(only('unknown_tracking', { odoo: [handTyped], tracking: [tracked({ trackingCode: 'HAND9', shipmentId: 'shp_9' })] })).toEqual([]);
    });

    it('waits out the orphan grace after the picking was done, and looks at done pickings only', () => {
      expect(only('unknown_tracking', { odoo: [{ ...handTyped, dateDone: NOW - 60 * MIN }] })).toEqual([]);
      expect(only('unknown_tracking', { odoo: [{ ...handTyped, dateDone: NOW - 61 * MIN }] })).toHaveLength(1);
      expect(only('unknown_tracking', { odoo: [{ ...handTyped, state: 'assigned' }] })).toEqual([]);
    });
  });

  it('the checked kinds follow what was read; RECON_KINDS are every one of them', () => {
    expect(checkedKinds({ odooRead: true, platformRead: false })).toEqual(['packed_not_done', 'done_missing_tracking', 'done_missing_label', 'done_missing_weight', 'unknown_tracking']);
    expect(checkedKinds({ odooRead: false, platformRead: true })).toEqual(['orphan_label', 'weight_variance', 'price_variance', 'no_tracking_progress']);
    expect(checkedKinds({ odooRead: false, platformRead: false })).toEqual([]);
    expect([...RECON_KINDS].sort()).toEqual([...checkedKinds({ odooRead: true, platformRead: true })].sort());
    expect(new Set(RECON_KINDS).size).toBe(9);
  });

  it('from stations facts sent out of order to findings, deterministic and sorted by key; the same difference keeps its key', () => {
    const fact = (stationId: string, seq: number, f: Record<string, unknown>, at = NOW - 5 * HOUR + seq * MIN) => ({ stationId, entry: { seq, at, fact: HubLedgerFactSchema.parse({ pickingId: 12, pickingName: 'WH/OUT/00012', ...f }) } });
    const label = (parcelIndex: number, shipmentId: string, trackingCode: string) => ({ type: 'label.bought', parcelIndex, shipmentId, trackingCode, carrier: 'USPS', service: 'Priority', price: 7.5, currency: 'USD' });
    const facts = [
      fact('st-2', 4, { type: 'picking.packed', parcels: 2 }),
      fact('st-2', 1, { type: 'parcel.packed', parcelIndex: 1, weightG: 1000, packageTypeId: null, items: 1 }),
      fact('st-2', 3, label(2, 'shp_b', 'TRKB')),
      fact('st-2', 2, label(1, 'shp_a', 'TRKA')),
      fact('st-1', 2, { type: 'label.voided', parcelIndex: 1, shipmentId: 'shp_old', trackingCode: 'TRKOLD', reason: 'cancelled', by: 'station' }),
      fact('st-1', 1, label(1, 'shp_old', 'TRKOLD')),
      fact('st-2', 2, label(1, 'shp_a', 'TRKA')),
    ];
    const platform = [
      shipment({ shipmentId: 'shp_old', trackingCode: 'TRKOLD', refundStatus: 'refunded' }),
      shipment({ shipmentId: 'shp_a', trackingCode: 'TRKA', billedWeightG: 1400, chargedPrice: 9.1, trackingStatus: 'pre_transit' }),
      shipment({ shipmentId: 'shp_b', trackingCode: 'TRKB' }),
      shipment({ shipmentId: 'shp_z', trackingCode: 'TRKZ', platform: 'shippo' }),
    ];
    const at = (now: number, order: typeof facts) => reconcile(input({ now, ledger: ledgerPickings(order), odoo: [odoo({ state: 'assigned', trackingRefs: [] })], platform }));
    const found = at(NOW, facts);
    expect(found.map((f) => f.key)).toEqual(['orphan_label:shippo:shp_z', 'packed_not_done:12', 'price_variance:shp_a', 'weight_variance:shp_a']);
    expect(found.find((f) => f.kind === 'packed_not_done')?.detail).toContain('packed at st-2');
    expect(at(NOW, [...facts].reverse())).toEqual(found);
    expect(reconcile(input({ now: NOW, ledger: ledgerPickings(facts), odoo: [odoo({ state: 'assigned', trackingRefs: [] })], platform: [...platform].reverse() }))).toEqual(found);
    const later = at(NOW + 2 * DAY, facts).map((f) => f.key);
    expect(later).toEqual([...found.map((f) => f.key), 'no_tracking_progress:shp_a'].sort());
  });
});
