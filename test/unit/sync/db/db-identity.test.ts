import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StationError } from '../../../../app/domain/errors';
import { closeStationDb, DB_IDENTITY_CHECK_MS, openStationDb, watchDbIdentity, type StationDb } from '../../../../sync/db/station-db';
import { FakeClock } from '../../../support/fake-clock';

const open: StationDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) closeStationDb(db);
});

function station() {
  const file = join(mkdtempSync(join(tmpdir(), 'db-identity-')), 'station.db');
  const db = openStationDb(file);
  open.push(db);
  const clock = new FakeClock();
  const lost: StationError[] = [];
  const watch = watchDbIdentity(db, { clock, onLost: (e) => lost.push(e) });
  return { file, db, clock, lost, watch };
}

describe('watchDbIdentity (real SQLite file, fake time)', () => {
  it('stays quiet while the file is the one opened', () => {
    const { clock, lost, watch } = station();
    clock.advance(DB_IDENTITY_CHECK_MS * 10);
    expect(lost).toEqual([]);
    expect(watch.check()).toBe(true);
  });

  it('reports a deleted file at the next check, once', () => {
    const { file, clock, lost, watch } = station();
    rmSync(file);
    clock.advance(DB_IDENTITY_CHECK_MS - 1);
    expect(lost).toEqual([]);
    clock.advance(1);
    expect(lost.map((e) => [e.code, e.message])).toEqual([[
      'CONFIG',
      `station database ${file} was deleted while the station was running; the station stopped taking work (restart it)`,
    ]]);
    clock.advance(DB_IDENTITY_CHECK_MS * 5);
    expect(watch.check()).toBe(false);
    expect(lost).toHaveLength(1);
  });

  it('reports a file replaced by another one (a restore, a sync tool)', () => {
    const { file, lost, watch } = station();
    writeFileSync(`${file}.restored`, 'another file');
    renameSync(`${file}.restored`, file);
    expect(watch.check()).toBe(false);
    expect(lost[0]?.message).toContain('was replaced by another file');
  });

  it('is inert for an in-memory database', () => {
    const db = openStationDb(':memory:');
    open.push(db);
    const lost: unknown[] = [];
    const watch = watchDbIdentity(db, { clock: new FakeClock(), onLost: (e) => lost.push(e) });
    expect(watch.check()).toBe(true);
  });
});
