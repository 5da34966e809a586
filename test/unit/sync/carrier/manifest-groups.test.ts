import { describe, expect, it } from 'vitest';
import type { Address } from '../../../../app/domain/address.schema';
import { groupForManifest, ofCarrier, type ManifestCandidate } from '../../../../sync/carrier/manifest-groups';
import { shipment } from '../outbox/outbox-fixtures';

const springfield: Address = { name: 'Warehouse', street1: '1 Main St', city: 'Springfield', zip: '12345', country: 'US' };
const reno: Address = { name: 'Warehouse Reno', street1: '9 Desert Rd', city: 'Reno', state: 'NV', zip: '89501', country: 'US' };

let seq = 0;
function candidate(carrier: string, over: { account?: string | null; pickingId?: number; platform?: 'easypost' | 'shippo'; at?: number } = {}): ManifestCandidate {
  seq += 1;
  const base = shipment(`T${String(seq).padStart(4, '0')}`, `shp_${seq}`);
  return {
    reference: `WH/OUT/${String(over.pickingId ?? seq).padStart(5, '0')}#1`,
    pickingId: over.pickingId ?? seq,
    shipment: { ...base, rate: { ...base.rate, carrier, carrierAccount: over.account ?? null } },
    platform: over.platform ?? 'easypost',
    carrier,
    boughtAt: over.at ?? seq,
  };
}

describe('groupForManifest', () => {
  it('one group per carrier and account, members in purchase order, groups by carrier then account', () => {
    const rows = [candidate('UPS', { account: 'ca_b', at: 5 }), candidate('USPS', { at: 3 }), candidate('UPS', { account: 'ca_a', at: 4 }), candidate('USPS', { at: 1 }), candidate('ups', { account: 'ca_b', at: 2 })];
    const groups = groupForManifest(rows, () => springfield);
    expect(groups.map((g) => [g.carrier, g.carrierAccount, g.members.map((m) => m.boughtAt)])).toEqual([
      ['UPS', 'ca_a', [4]],
      ['ups', 'ca_b', [2, 5]], // carrier names compare case-insensitively; the first purchase names the group
      ['USPS', null, [1, 3]],
    ]);
  });

  it('keeps ship-from addresses and platforms apart (a form covers one origin on one platform)', () => {
    const rows = [candidate('USPS', { pickingId: 1 }), candidate('USPS', { pickingId: 2 }), candidate('USPS', { pickingId: 3, platform: 'shippo' }), candidate('USPS', { pickingId: 4 })];
    const from = new Map<number, Address>([[1, springfield], [2, reno], [3, springfield], [4, { ...springfield, city: ' SPRINGFIELD ' }]]);
    const groups = groupForManifest(rows, (id) => from.get(id ?? 0) ?? null);
    expect(groups.map((g) => [g.platform, g.from?.city, g.members.map((m) => m.pickingId)])).toEqual([
      ['easypost', 'Springfield', [1, 4]],
      ['easypost', 'Reno', [2]],
      ['shippo', 'Springfield', [3]],
    ]);
  });

  it('puts shipments with no known ship-from together, and filters by carrier without regard to case', () => {
    const rows = [candidate('USPS'), candidate('FedEx'), candidate('usps')];
    expect(groupForManifest(rows, () => null).map((g) => [g.carrier, g.from, g.members.length])).toEqual([
      ['FedEx', null, 1],
      ['USPS', null, 2],
    ]);
    expect(rows.filter(ofCarrier('USPS')).map((r) => r.carrier)).toEqual(['USPS', 'usps']);
    expect(rows.filter(ofCarrier(undefined))).toHaveLength(3);
    expect(groupForManifest([], () => springfield)).toEqual([]);
  });
});
