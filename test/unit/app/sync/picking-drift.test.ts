import { describe, expect, it } from 'vitest';
import type { PickingFacts } from '../../../../app/domain/picking-basis.schema';
import { describeConflict, differences } from '../../../../app/sync/picking-drift';

const basis: PickingFacts = {
  pickingId: 7,
  name: 'WH/OUT/00007',
  state: 'assigned',
  carrier: { id: 1, name: 'Standard delivery' },
  address: { partnerId: 12, street1: '12 Main St', street2: '', city: 'Springfield', zip: '62701' },
  lines: [
    { moveId: 1, productId: 10, productName: 'Chair', quantity: 4 },
    { moveId: 2, productId: 11, productName: 'Desk', quantity: 1 },
  ],
};
const all = { lines: true, address: true };

describe('what changed in Odoo behind the station', () => {
  it('nothing the write depends on: no difference (case and spacing of an address do not count)', () => {
    expect(differences(basis, { ...basis, address: { ...basis.address!, street1: ' 12  main st ' } }, all)).toEqual([]);
  });

  it('names each change: state, carrier, address fields, lines changed, removed, replaced and added', () => {
    const now: PickingFacts = {
      ...basis,
      state: 'confirmed',
      carrier: { id: 2, name: 'Express' },
      address: { ...basis.address!, zip: '62702', city: 'Chicago' },
      lines: [
        { moveId: 1, productId: 10, productName: 'Chair', quantity: 3 },
        { moveId: 3, productId: 12, productName: 'Lamp', quantity: 2 },
      ],
    };
    expect(differences(basis, now, all).map((d) => d.what)).toEqual([
      'no longer ready: assigned → confirmed',
      'carrier Standard delivery → Express',
      'delivery address changed (city, zip)',
      'Chair: 4 → 3',
      'Desk removed (was 1)',
      'Lamp ×2 added',
    ]);
    expect(differences(basis, { ...basis, lines: [{ ...basis.lines![0]!, productId: 99, productName: 'Stool' }, basis.lines![1]!] }, all)).toEqual([
      { field: 'line', what: 'Chair replaced by Stool' },
    ]);
  });

  it('compares only what was asked and read; a cancel is always a difference, done is left to the caller', () => {
    const moved = { ...basis, address: { ...basis.address!, partnerId: 13 }, lines: [] };
    expect(differences(basis, moved, { lines: false, address: false })).toEqual([]);
    expect(differences(basis, moved, { lines: false, address: true })).toEqual([{ field: 'address', what: 'delivery address changed to another contact' }]);
    expect(differences(basis, { ...basis, state: 'cancel' }, { lines: false, address: false })).toEqual([{ field: 'state', what: 'cancelled in Odoo' }]);
    expect(differences(basis, { ...basis, state: 'done' }, all)).toEqual([]);
  });

  it('spells the conflict out for the dead letter', () => {
    expect(describeConflict(basis.name, [{ field: 'line', what: 'Chair: 4 → 3' }, { field: 'carrier', what: 'carrier A → B' }])).toBe(
      'WH/OUT/00007 changed in Odoo after it was packed here: Chair: 4 → 3; carrier A → B',
    );
  });
});
