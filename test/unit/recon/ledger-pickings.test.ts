import { describe, expect, it } from 'vitest';
import { HubLedgerFactSchema } from '../../../app/hub/ledger-event.schema';
import { latestPackings, ledgerPickings, liveOutboundLabels, ownedShipmentIds, ownedTrackingCodes, packedParcels, type StationLedgerEntry } from '../../../app/recon/ledger-pickings';
import { LedgerPickingSchema } from '../../../app/recon/recon-input.schema';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const REF = { pickingId: 12, pickingName: 'WH/OUT/00012' };

type FactInput = Record<string, unknown>;
const at = (stationId: string, seq: number, fact: FactInput, time = T0 + seq * MIN): StationLedgerEntry => ({
  stationId,
  entry: { seq, at: time, fact: HubLedgerFactSchema.parse(fact) },
});
const packed = (parcelIndex: number, weightG: number) => ({ type: 'parcel.packed', ...REF, parcelIndex, weightG, packageTypeId: null, items: 1 });
const bought = (parcelIndex: number, shipmentId: string, trackingCode: string, extra: Record<string, unknown> = {}) => ({
  type: 'label.bought',
  ...REF,
  parcelIndex,
  shipmentId,
  trackingCode,
  carrier: 'USPS',
  service: 'Priority',
  price: 7.5,
  currency: 'USD',
  ...extra,
});
const voided = (parcelIndex: number, shipmentId: string, trackingCode: string) => ({ type: 'label.voided', ...REF, parcelIndex, shipmentId, trackingCode, reason: 'duplicate label', by: 'station' });

/** A picking of two parcels packed at st-1: parcel 1's first label voided and bought again. */
const story = (): StationLedgerEntry[] => [
  at('st-1', 1, packed(1, 1200)),
  at('st-1', 2, bought(1, 'shp_a', 'TRK_A')),
  at('st-1', 3, { type: 'label.printed', ...REF, parcelIndex: 1 }),
  at('st-1', 4, voided(1, 'shp_a', 'TRK_A')),
  at('st-1', 5, bought(1, 'shp_b', 'TRK_B', { price: 8.25 })),
  at('st-1', 6, packed(2, 800)),
  at('st-1', 7, bought(2, 'shp_c', 'TRK_C')),
  at('st-1', 8, { type: 'picking.packed', ...REF, parcels: 2 }),
  at('st-1', 9, { type: 'picking.validated', ...REF }),
];

describe('ledgerPickings', () => {
  it('folds one station picking: parcels with weights, the current label, the voided one kept, packed and validated times', () => {
    const [picking, ...rest] = ledgerPickings(story());
    expect(rest).toEqual([]);
    expect(LedgerPickingSchema.parse(picking)).toEqual(picking);
    expect(picking).toMatchObject({ stationId: 'st-1', pickingId: 12, pickingName: 'WH/OUT/00012', packedAt: T0 + 8 * MIN, validatedAt: T0 + 9 * MIN });
    expect(picking?.parcels.map((p) => [p.parcelIndex, p.shipmentId, p.weightG, p.voidedAt, p.price])).toEqual([
      [1, 'shp_a', 1200, T0 + 4 * MIN, 7.5],
      [1, 'shp_b', 1200, null, 8.25],
      [2, 'shp_c', 800, null, 7.5],
    ]);
    expect(picking?.parcels[1]).toMatchObject({ packedAt: T0 + MIN, boughtAt: T0 + 5 * MIN, carrier: 'USPS', service: 'Priority', currency: 'USD', isReturn: false });
    expect(liveOutboundLabels(picking!).map((p) => p.trackingCode)).toEqual(['TRK_B', 'TRK_C']);
    expect(packedParcels(picking!).map((p) => p.shipmentId)).toEqual(['shp_b', 'shp_c']);
  });

  it('owns voided labels: a voided label is not an orphan', () => {
    const pickings = ledgerPickings(story());
    expect([...ownedShipmentIds(pickings)].sort()).toEqual(['shp_a', 'shp_b', 'shp_c']);
    expect([...ownedTrackingCodes(pickings)].sort()).toEqual(['TRK_A', 'TRK_B', 'TRK_C']);
  });

  it('gives the same pickings whatever order the facts arrive in, and counts a (station, seq) sent twice once', () => {
    const facts = story();
    const shuffled = [facts[6], facts[3], facts[8], facts[0], facts[5], facts[2], facts[7], facts[1], facts[4], facts[3], facts[1]].filter((f) => f !== undefined);
    expect(ledgerPickings(shuffled)).toEqual(ledgerPickings(facts));
  });

  it('keeps a parcel packed but not labelled, and a re-weighed parcel at its latest weight', () => {
    const [picking] = ledgerPickings([at('st-1', 1, packed(1, 900)), at('st-1', 2, packed(1, 950)), at('st-1', 3, packed(2, 400))]);
    expect(picking?.parcels.map((p) => [p.parcelIndex, p.weightG, p.shipmentId, p.boughtAt])).toEqual([
      [1, 950, null, null],
      [2, 400, null, null],
    ]);
    expect(picking?.packedAt).toBeNull();
    expect(liveOutboundLabels(picking!)).toEqual([]);
  });

  it('a label replaced without its void fact counts as voided when its replacement was bought', () => {
    const [picking] = ledgerPickings([at('st-1', 1, packed(1, 500)), at('st-1', 2, bought(1, 'shp_a', 'TRK_A')), at('st-1', 3, bought(1, 'shp_b', 'TRK_B'))]);
    expect(picking?.parcels.map((p) => [p.shipmentId, p.voidedAt])).toEqual([
      ['shp_a', T0 + 3 * MIN],
      ['shp_b', null],
    ]);
  });

  it('a parcel whose only label was voided keeps it, voided, and has no live label', () => {
    const [picking] = ledgerPickings([at('st-1', 1, packed(1, 500)), at('st-1', 2, bought(1, 'shp_a', 'TRK_A')), at('st-1', 3, voided(1, 'shp_a', 'TRK_A'))]);
    expect(picking?.parcels).toHaveLength(1);
    expect(picking?.parcels[0]).toMatchObject({ shipmentId: 'shp_a', voidedAt: T0 + 3 * MIN, weightG: 500 });
    expect(liveOutboundLabels(picking!)).toEqual([]);
    expect(packedParcels(picking!).map((p) => p.shipmentId)).toEqual(['shp_a']);
  });

  it('keeps a void whose purchase the hub has not got as a voided label of its parcel (still owned)', () => {
    const pickings = ledgerPickings([at('st-1', 5, voided(1, 'shp_x', 'TRK_X'))]);
    expect(pickings[0]?.parcels).toEqual([expect.objectContaining({ parcelIndex: 1, shipmentId: 'shp_x', trackingCode: 'TRK_X', boughtAt: null, voidedAt: T0 + 5 * MIN })]);
    expect(ownedShipmentIds(pickings).has('shp_x')).toBe(true);
  });

  it('return labels are entries of their own (numbered among returns): return 1 does not replace parcel 1 and is not live outbound', () => {
    const [picking] = ledgerPickings([at('st-1', 1, packed(1, 700)), at('st-1', 2, bought(1, 'shp_out', 'TRK_OUT')), at('st-1', 3, bought(1, 'shp_ret', 'TRK_RET', { isReturn: true }))]);
    expect(picking?.parcels.map((p) => [p.parcelIndex, p.shipmentId, p.isReturn, p.voidedAt, p.weightG])).toEqual([
      [1, 'shp_out', false, null, 700],
      [1, 'shp_ret', true, null, null],
    ]);
    expect(liveOutboundLabels(picking!).map((p) => p.shipmentId)).toEqual(['shp_out']);
    expect(ownedTrackingCodes([picking!]).has('TRK_RET')).toBe(true);
  });

  it('one picking per (station, picking), sorted by picking then station; a name learnt late names every parcel', () => {
    const other = { pickingId: 3, pickingName: null };
    const pickings = ledgerPickings([
      at('st-2', 1, packed(1, 300)),
      at('st-1', 1, { ...packed(1, 200), ...other }),
      at('st-1', 2, { ...bought(1, 'shp_3', 'TRK_3'), ...other, pickingName: 'WH/OUT/00003' }),
    ]);
    expect(pickings.map((p) => [p.pickingId, p.stationId, p.pickingName])).toEqual([
      [3, 'st-1', 'WH/OUT/00003'],
      [12, 'st-2', 'WH/OUT/00012'],
    ]);
    expect(pickings[0]?.parcels[0]?.pickingName).toBe('WH/OUT/00003');
  });
});

describe('latestPackings', () => {
  const repack = (aPackedAt: number | null, bPackedAt: number | null) => {
    const a: StationLedgerEntry[] = [at('st-a', 1, packed(1, 500), T0), at('st-a', 2, bought(1, 'shp_a', 'TRK_A'), T0 + MIN)];
    const b: StationLedgerEntry[] = [at('st-b', 1, packed(1, 520), T0 + 10 * MIN), at('st-b', 2, bought(1, 'shp_b', 'TRK_B'), T0 + 11 * MIN)];
    if (aPackedAt !== null) a.push(at('st-a', 3, { type: 'picking.packed', ...REF, parcels: 1 }, aPackedAt));
    if (bPackedAt !== null) b.push(at('st-b', 3, { type: 'picking.packed', ...REF, parcels: 1 }, bPackedAt));
    return latestPackings(ledgerPickings([...b, ...a])).get(12)?.stationId;
  };

  it('a picking packed at two stations goes by the newest picking.packed', () => {
    expect(repack(T0 + 2 * MIN, T0 + 12 * MIN)).toBe('st-b');
    expect(repack(T0 + 20 * MIN, T0 + 12 * MIN)).toBe('st-a');
  });

  it('a packed station wins over one that has only started; none packed: the newest outbound facts', () => {
    expect(repack(T0 + 2 * MIN, null)).toBe('st-a');
    expect(repack(null, null)).toBe('st-b');
  });

  it('a station that only bought a return label is not the packing', () => {
    const pickings = ledgerPickings([
      at('st-a', 1, packed(1, 500), T0),
      at('st-a', 2, { type: 'picking.packed', ...REF, parcels: 1 }, T0 + MIN),
      at('st-r', 1, bought(1, 'shp_r', 'TRK_R', { isReturn: true }), T0 + 60 * MIN),
    ]);
    expect(latestPackings(pickings).get(12)?.stationId).toBe('st-a');
    expect(latestPackings(pickings.filter((p) => p.stationId === 'st-r')).size).toBe(0);
  });
});
