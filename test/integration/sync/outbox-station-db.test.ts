import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../app/domain/errors';
import { MIGRATIONS } from '../../../sync/db/migrations';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { toStationError } from '../../../sync/db/sqlite-errors';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { FakeClock } from '../../support/fake-clock';
import { parcel, picking, tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const tables = (db: ReturnType<typeof openStationDb>): string[] =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );

const catchError = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};

describe('openStationDb', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('applies the migrations on a fresh file with WAL, FULL sync and foreign keys', () => {
    const db = openStationDb(tmp.file());
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(tables(db)).toEqual(
      ['carrier_exceptions', 'manifests', 'voided_labels', 'dead_letter_audit', 'dead_letters', 'labels_printed', 'outbox', 'parcels', 'picking_basis', 'picking_cache', 'picking_prefetch', 'picking_scan_keys', 'pickings_packed', 'print_audit', 'print_jobs', 'shipments', 'station_pause', 'sync_state', 'people_cache', 'station_sessions', 'station_settings'].sort(),
    );
    closeStationDb(db);
  });

  it('is a no-op on reopen and keeps the data', () => {
    const clock = new FakeClock();
    const first = openStationDb(tmp.file());
    new SqliteLedger(first, clock, new OutboxStore(first, clock)).recordParcelPacked(parcel());
    closeStationDb(first);

    const again = openStationDb(tmp.file());
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(again.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(again.prepare('SELECT COUNT(*) AS n FROM parcels').get()).toEqual({ n: 1 });
    closeStationDb(again);
  });

  it('rolls a failing migration back and leaves the previous version and data intact', () => {
    const db = openStationDb(tmp.file());
    db.prepare(`INSERT INTO pickings_packed (picking_id, name, packed_at) VALUES (1, 'WH/OUT/1', 1)`).run();
    closeStationDb(db);

    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: `CREATE TABLE extra (x INTEGER); INSERT INTO nowhere VALUES (1);` }];
    expect(() => openStationDb(tmp.file(), broken)).toThrow();

    const reopened = openStationDb(tmp.file());
    expect(reopened.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(tables(reopened)).not.toContain('extra');
    expect(reopened.prepare('SELECT name FROM pickings_packed').all()).toEqual([{ name: 'WH/OUT/1' }]);
    closeStationDb(reopened);
  });

  it('refuses a database written by a newer agent, without touching it', () => {
    const db = openStationDb(tmp.file());
    db.pragma('user_version = 99');
    closeStationDb(db);
    const err = catchError(() => openStationDb(tmp.file()));
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('CONFIG');
  });

  it('says CONFIG when the folder cannot be written', () => {
    const blocker = join(tmp.dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const err = catchError(() => openStationDb(join(blocker, 'station.db')));
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('CONFIG');
    expect((err as StationError).message).toMatch(/not writable/);
  });

  it('says DEVICE for a file that is not a database and leaves the file alone', () => {
    writeFileSync(tmp.file(), 'x'.repeat(4096));
    const err = catchError(() => openStationDb(tmp.file()));
    expect((err as StationError).code).toBe('DEVICE');
    expect(statSync(tmp.file()).size).toBe(4096);
  });

  it('closeStationDb checkpoints the WAL into the main file', () => {
    const db = openStationDb(tmp.file());
    new SqliteLedger(db, new FakeClock(), new OutboxStore(db, new FakeClock())).recordParcelPacked(parcel());
    expect(statSync(`${tmp.file()}-wal`).size).toBeGreaterThan(0);
    closeStationDb(db);
    expect(!existsSync(`${tmp.file()}-wal`) || statSync(`${tmp.file()}-wal`).size === 0).toBe(true);
    expect(db.open).toBe(false);
    closeStationDb(db); // twice is harmless
  });

  it('maps a full disk to DEVICE and keeps what was written before', () => {
    const db = openStationDb(tmp.file());
    const clock = new FakeClock();
    const outbox = new OutboxStore(db, clock);
    const ledger = new SqliteLedger(db, clock, outbox);
    const cache = new SqlitePickingCache(db, clock, outbox);
    ledger.recordParcelPacked(parcel());
    // max_page_count makes SQLite report SQLITE_FULL exactly as a full disk would.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const big = picking(13, { lines: Array.from({ length: 400 }, (_, i) => ({ ...picking().lines[0]!, moveId: i + 1, productName: 'x'.repeat(200) })) });
    const err = catchError(() => cache.cachePicking(big));
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('DEVICE');
    expect((err as StationError).message).toMatch(/disk is full/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM picking_cache').get()).toEqual({ n: 0 });
    closeStationDb(db);
  });

  it('toStationError leaves defects alone', () => {
    const defect = Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(toStationError(defect, 'x')).toBe(defect);
    const busy = toStationError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), 'x') as StationError;
    expect(busy.code).toBe('DEVICE');
    expect(busy.retryable).toBe(true);
  });
});
