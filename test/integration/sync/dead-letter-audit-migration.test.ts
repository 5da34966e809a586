import { afterEach, expect, it } from 'vitest';
import { MIGRATIONS, latestVersion } from '../../../sync/db/migrations';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { DeadLetterStore } from '../../../sync/outbox/dead-letters.store';
import { FakeClock } from '../../support/fake-clock';
import { tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const T = 1_700_000_000_000;
let tmp: ReturnType<typeof tempDir>;
afterEach(() => tmp.cleanup());

it('migration 13 keeps every dead-letter decision as it was and lets the hub be named as where one came from', () => {
  tmp = tempDir();
  const v12 = openStationDb(tmp.file(), MIGRATIONS.filter((m) => m.version <= 12));
  v12.prepare(`INSERT INTO dead_letters (id, event_id, target, order_key, reason, raw, at) VALUES (4, NULL, 'odoo', 'picking:7', 'REJECTED', '{}', ?)`).run(T);
  v12.prepare(`INSERT INTO dead_letter_audit (id, dead_letter_id, action, who, reason, via, at) VALUES (9, 4, 'replay', 'ana', 'lot created', 'cli', ?)`).run(T);
  expect(() => v12.prepare(`INSERT INTO dead_letter_audit (dead_letter_id, action, who, reason, via, at) VALUES (4, 'discard', 'bo', 'x', 'hub', ?)`).run(T)).toThrow(/CHECK/);
  closeStationDb(v12);

  const db = openStationDb(tmp.file());
  expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
  expect(db.prepare(`SELECT * FROM dead_letter_audit`).all()).toEqual([{ id: 9, dead_letter_id: 4, action: 'replay', who: 'ana', reason: 'lot created', via: 'cli', at: T }]);
  new DeadLetterStore(db, new FakeClock(T + 1)).discard(4, { who: 'bo', reason: 'picking deleted in Odoo', via: 'hub' });
  expect(new DeadLetterStore(db, new FakeClock(T + 2)).auditTrail().map((e) => [e.id, e.who, e.via])).toEqual([
    [10, 'bo', 'hub'],
    [9, 'ana', 'cli'],
  ]);
  closeStationDb(db);
});
