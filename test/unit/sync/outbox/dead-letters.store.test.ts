import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import type { OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import { describeDeadLetter } from '../../../../app/outbox/dead-letter.describe';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import type { StationDb } from '../../../../sync/db/station-db';
import { DeadLetterStore } from '../../../../sync/outbox/dead-letters.store';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../../sync/outbox/picking-cache.store';
import { FakeClock } from '../../../support/fake-clock';
import { parcel, picking, tempDir } from './outbox-fixtures';
import { labelBought as label } from './dead-letter-fixtures';

const validate = (pickingId: number): OutboxPayload => ({ type: 'picking.validate', pickingId });

describe('DeadLetterStore (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: StationDb;
  let clock: FakeClock;
  let outbox: OutboxStore;
  let letters: DeadLetterStore;

  /** Enqueues an event and lets it die with `reason` after `attempts` tries. Returns the dead letter id. */
  const dead = (key: string, payload: OutboxPayload, reason: string, attempts = 1, target: 'odoo' | 'carrier' = 'odoo'): number => {
    const id = outbox.enqueue(target, key, payload);
    for (let i = 1; i < attempts; i += 1) outbox.markRetry(id, 'SERVER: 500', clock.now());
    return outbox.markDead(id, reason)!;
  };

  beforeEach(() => {
    tmp = tempDir();
    db = openStationDb(tmp.file());
    clock = new FakeClock();
    outbox = new OutboxStore(db, clock);
    letters = new DeadLetterStore(db, clock);
    new SqlitePickingCache(db, clock, outbox).cachePicking(picking(12));
  });
  afterEach(() => {
    closeStationDb(db);
    tmp.cleanup();
  });

  it('lists open letters with their picking name, event type, attempts and payload', () => {
    const dl = dead('picking:12', { type: 'parcel.packed', parcel: parcel(12) }, 'REJECTED: odoo.exceptions.UserError: Lot LOT-7 does not exist', 3);
    const [facts] = letters.list();
    expect(facts).toMatchObject({ id: dl, target: 'odoo', orderKey: 'picking:12', pickingId: 12, pickingName: 'WH/OUT/00012', eventType: 'parcel.packed', attempts: 3, eventReplayable: true });
    const detail = describeDeadLetter(facts!);
    expect(detail.advice.instruction).toContain('Create lot LOT-7 in Odoo');
    expect(JSON.parse(detail.payload)).toEqual({ type: 'parcel.packed', parcel: parcel(12) });
  });

  it('replay puts the event back with a fresh budget and audits who, when and why', () => {
    const dl = dead('picking:12', validate(12), 'AUTH: AccessDenied', 2);
    clock.advance(60_000);
    letters.replay(dl, { who: 'Ana', reason: 'API key fixed', via: 'ui' });
    const [event] = outbox.due('odoo', clock.now(), 10);
    expect(event).toMatchObject({ orderKey: 'picking:12', attempts: 0 });
    expect(letters.list()).toEqual([]);
    expect(letters.get(dl)).toMatchObject({ resolution: 'replayed', resolvedAt: clock.now() });
    expect(letters.auditTrail()).toEqual([
      { id: 1, deadLetterId: dl, action: 'replay', who: 'Ana', reason: 'API key fixed', via: 'ui', at: clock.now(), target: 'odoo', orderKey: 'picking:12', pickingName: 'WH/OUT/00012' },
    ]);
    expect(() => letters.replay(dl, { who: 'Ana', via: 'ui' })).toThrow(/no open dead letter/);
  });

  it('discard needs a reason and a name, unblocks the key and keeps the row as discarded', () => {
    const dl = dead('picking:12', validate(12), 'NOT_FOUND: odoo stock.picking 12 does not exist');
    const later = outbox.enqueue('odoo', 'picking:12', validate(12));
    expect(outbox.due('odoo', clock.now(), 10)).toEqual([]);
    expect(() => letters.discard(dl, { who: 'Ana', reason: '  ', via: 'cli' })).toThrow(StationError);
    expect(() => letters.discard(dl, { who: ' ', reason: 'gone', via: 'cli' })).toThrow(/name/);
    expect(letters.list()).toHaveLength(1);
    letters.discard(dl, { who: 'Ana', reason: 'picking deleted in Odoo', via: 'cli' });
    expect(outbox.due('odoo', clock.now(), 10).map((e) => e.id)).toEqual([later]);
    expect(db.prepare('SELECT state FROM outbox WHERE id = (SELECT event_id FROM dead_letters WHERE id = ?)').get(dl)).toEqual({ state: 'discarded' });
    expect(letters.auditTrail(10, dl)).toMatchObject([{ action: 'discard', who: 'Ana', reason: 'picking deleted in Odoo', via: 'cli' }]);
  });

  it('replay all replays every replayable letter of one target in id order and leaves the rest', () => {
    const a = dead('picking:1', validate(1), 'SERVER: boom');
    const b = dead('picking:2', validate(2), 'REJECTED: nope');
    const other = dead('picking:3', validate(3), 'REJECTED: carrier said no', 1, 'carrier');
    const local = outbox.addDeadLetter({ target: 'odoo', orderKey: 'picking:4', reason: 'unparseable cached picking', raw: '{"partner":{"email":"ada@example.com"}' });
    expect(letters.replayAll('odoo', { who: 'Ana', reason: 'Odoo back', via: 'ui' })).toEqual([a, b]);
    expect(letters.list().map((l) => l.id)).toEqual([other, local]);
    expect(letters.auditTrail().map((e) => [e.deadLetterId, e.action])).toEqual([
      [b, 'replay-all'],
      [a, 'replay-all'],
    ]);
    const localDetail = describeDeadLetter(letters.get(local)!);
    expect(localDetail.advice.replayable).toBe(false);
    expect(localDetail.payload).not.toContain('ada@example.com');
    expect(() => letters.replay(local, { who: 'Ana', via: 'ui' })).toThrow(/not an outbox event/);
  });

  it('a label payload is shown shortened and a secret value never appears', () => {
    const dl = dead('picking:12', label(12), 'AUTH: odoo ir.attachment.create: key sk_live_123456 refused');
    const detail = describeDeadLetter(letters.get(dl)!, ['sk_live_123456']);
    expect(detail.payload).toMatch(/"labelZpl": "\^XA\^FO50,50\^… \(\d+ characters of label ZPL\)"/);
    expect(detail.payload).toContain('9400100000000000000001');
    expect(detail.reason).not.toContain('sk_live_123456');
    expect(detail.advice.instruction).toContain("station's API key");
  });

  it('two connections on the same WAL file: a replay from a second process is seen by the first', () => {
    const dl = dead('picking:12', validate(12), 'SERVER: boom');
    const other = openStationDb(tmp.file());
    try {
      new DeadLetterStore(other, clock).replay(dl, { who: 'cli-user', via: 'cli' });
    } finally {
      other.close();
    }
    expect(outbox.due('odoo', clock.now(), 10)).toHaveLength(1);
    expect(letters.auditTrail()[0]).toMatchObject({ who: 'cli-user', reason: '', via: 'cli' });
  });
});
