import { afterEach, describe, expect, it } from 'vitest';
import { basisOf } from '../../../../app/sync/picking-drift';
import { PickingBasisStore } from '../../../../sync/conflicts/picking-basis.store';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import { DeadLetterStore } from '../../../../sync/outbox/dead-letters.store';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { SqliteLedger } from '../../../../sync/outbox/sqlite-ledger';
import { SqlitePickingCache } from '../../../../sync/outbox/picking-cache.store';
import { parcel, picking, tempDir } from '../outbox/outbox-fixtures';

describe('the basis of each picking, in the station database', () => {
  const tmp = tempDir();
  let now = 1_000;
  const clock = { now: () => now, setTimeout, clearTimeout } as never;
  afterEach(() => tmp.cleanup());

  function open() {
    const db = openStationDb(tmp.file());
    const outbox = new OutboxStore(db, clock);
    const ledger = new SqliteLedger(db, clock, outbox);
    new SqlitePickingCache(db, clock, outbox).cachePicking(picking(12));
    return { db, outbox, ledger, basis: new PickingBasisStore(db, clock), letters: new DeadLetterStore(db, clock) };
  }

  it('the first load records it; a reload replaces it only while nothing is packed', () => {
    const s = open();
    s.basis.record(basisOf(picking(12)));
    s.basis.record(basisOf(picking(12, { carrier: { id: 2, name: 'Express' } })));
    expect(s.basis.basis(12)?.facts.carrier).toEqual({ id: 2, name: 'Express' });
    s.ledger.recordParcelPacked(parcel(12, 1));
    s.basis.record(basisOf(picking(12, { carrier: null })));
    expect(s.basis.basis(12)?.facts.carrier).toEqual({ id: 2, name: 'Express' });
    closeStationDb(s.db);
  });

  it("a replay of the picking's CONFLICT after its basis was recorded counts as accepting Odoo's version, once", () => {
    const s = open();
    s.basis.record(basisOf(picking(12)));
    s.ledger.recordParcelPacked(parcel(12, 1));
    now += 1_000;
    const { id: eventId } = s.db.prepare(`SELECT id FROM outbox WHERE order_key = 'picking:12'`).get() as { id: number };
    const id = s.outbox.markDead(eventId, 'CONFLICT: WH/OUT/00012 changed in Odoo after it was packed here: cancelled in Odoo');
    expect(s.basis.conflictReplayedSince(12, s.basis.basis(12)!.recordedAt)).toBe(false);
    s.letters.replay(id!, { who: 'sam', via: 'ui' });
    expect(s.basis.conflictReplayedSince(12, s.basis.basis(12)!.recordedAt)).toBe(true);
    now += 1_000;
    s.basis.accept({ ...s.basis.basis(12)!.facts, state: 'cancel' });
    expect(s.basis.conflictReplayedSince(12, s.basis.basis(12)!.recordedAt)).toBe(false);
    closeStationDb(s.db);
  });

  it('is dropped once the picking is packed and nothing of it is pending or dead (a discarded validation)', () => {
    const s = open();
    s.basis.record(basisOf(picking(12)));
    s.ledger.recordParcelPacked(parcel(12, 1));
    s.ledger.recordPickingPacked(12);
    expect(s.basis.pruneFinished()).toBe(0);
    s.db.prepare(`UPDATE outbox SET state = 'discarded' WHERE order_key = 'picking:12'`).run();
    expect(s.basis.pruneFinished()).toBe(1);
    expect(s.basis.basis(12)).toBeNull();
    closeStationDb(s.db);
  });
});
