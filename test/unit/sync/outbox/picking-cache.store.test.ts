import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import type { StationDb } from '../../../../sync/db/station-db';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../../sync/outbox/picking-cache.store';
import { FakeClock } from '../../../support/fake-clock';
import { picking, tempDir } from './outbox-fixtures';

describe('SqlitePickingCache', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: StationDb;
  let cache: SqlitePickingCache;

  const count = (table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  beforeEach(() => {
    tmp = tempDir();
    db = openStationDb(tmp.file());
    const clock = new FakeClock();
    cache = new SqlitePickingCache(db, clock, new OutboxStore(db, clock));
  });
  afterEach(() => {
    closeStationDb(db);
    tmp.cleanup();
  });

  it('finds a cached picking by name, origin and regardless of case', () => {
    const p = picking(12);
    cache.cachePicking(p);
    expect(cache.cachedPicking('WH/OUT/00012')).toEqual(p);
    expect(cache.cachedPicking('  S00012 ')).toEqual(p);
    expect(cache.cachedPicking('wh/out/00012')).toEqual(p);
    expect(cache.cachedPicking('WH/OUT/99999')).toBeNull();
    expect(cache.cachedPicking('')).toBeNull();
  });

  it('replaces a re-cached picking and moves a shared scan key to the newest picking', () => {
    cache.cachePicking(picking(12, { origin: 'S1' }));
    cache.cachePicking(picking(12, { origin: 'S2', state: 'confirmed' }));
    expect(cache.cachedPicking('S1')).toBeNull();
    expect(cache.cachedPicking('S2')?.state).toBe('confirmed');
    cache.cachePicking(picking(13, { origin: 'S2' }));
    expect(cache.cachedPicking('S2')?.id).toBe(13);
    expect(cache.cachedPicking('WH/OUT/00012')?.id).toBe(12);
  });

  it('moves an unparseable cache row to the dead letters instead of returning or losing it', () => {
    cache.cachePicking(picking(12));
    db.prepare(`UPDATE picking_cache SET picking = '{"id": 12, "broken": true}'`).run();
    expect(cache.cachedPicking('WH/OUT/00012')).toBeNull();
    const dl = db.prepare(`SELECT target, order_key, reason, raw FROM dead_letters`).all();
    expect(dl).toEqual([{ target: 'local', order_key: 'picking:12', reason: 'unparseable cached picking', raw: '{"id": 12, "broken": true}' }]);
    expect(count('picking_cache')).toBe(0);
    expect(cache.cachedPicking('WH/OUT/00012')).toBeNull();
  });
});
