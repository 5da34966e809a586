/**
 * `station outbox` as a real child process against a real station database (the one a station writes, same
 * migrations, WAL): list, show, discard with a reason, replay, replay all; a replay made while a sync engine runs on
 * the same file is delivered by that engine without a restart or a kick.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxPayload } from '../../../app/domain/outbox-event.schema';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { SyncEngine } from '../../../sync/engine/sync.engine';
import { DeadLetterStore } from '../../../sync/outbox/dead-letters.store';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { realClock } from '../../support/real-clock';
import { runStation } from '../../support/station-cli';
import { parcel, picking, tempDir } from '../../unit/sync/outbox/outbox-fixtures';
import { labelBought as label } from '../../unit/sync/outbox/dead-letter-fixtures';

const API_KEY = 'odoo-key-5f3a9c1e';

function station(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, USER: 'night-shift' };
  delete env.STATION_ODOO_API_KEY;
  return runStation(args, env);
}

describe('station outbox (child process, real station database)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: StationDb;
  let outbox: OutboxStore;
  let config: string;
  const stops: (() => Promise<void> | void)[] = [];

  const dead = (key: string, payload: OutboxPayload, reason: string): number => {
    const id = outbox.enqueue('odoo', key, payload);
    return outbox.markDead(id, reason)!;
  };

  beforeEach(() => {
    tmp = tempDir();
    const dataDir = join(tmp.dir, 'data');
    mkdirSync(dataDir);
    config = join(tmp.dir, 'station.json');
    writeFileSync(config, JSON.stringify({ stationId: 'pack-01', dataDir: './data', odoo: { apiKey: API_KEY } }));
    db = openStationDb(join(dataDir, 'station.db'));
    outbox = new OutboxStore(db, realClock);
    const cache = new SqlitePickingCache(db, realClock, outbox);
    cache.cachePicking(picking(12));
    cache.cachePicking(picking(13));
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    closeStationDb(db);
    tmp.cleanup();
  });

  it('lists and shows dead letters with the picking, the advice and a masked payload', async () => {
    const lot = dead('picking:12', { type: 'parcel.packed', parcel: parcel(12) }, 'REJECTED: odoo.exceptions.UserError: Lot LOT-7 does not exist');
    const auth = dead('picking:13', label(13), `AUTH: odoo.exceptions.AccessDenied: key ${API_KEY} refused`);

    const list = await station(['outbox', 'list', '--config', config]);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`#${lot}  WH/OUT/00012 parcel.packed → odoo  1 attempt(s)`);
    expect(list.stdout).toContain('what to do: Create lot LOT-7 in Odoo');
    expect(list.stdout).toContain("what to do: Check the station's API key");

    const show = await station(['outbox', 'show', String(auth), '--config', config]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('picking     WH/OUT/00013 (picking:13)');
    expect(show.stdout).toMatch(/"labelZpl": "\^XA\^FO50,50\^… \(\d+ characters of label ZPL\)"/);
    expect(show.stdout).not.toContain(API_KEY);
    expect(show.stdout).toContain('decisions:\n    none');
  });

  it('discard wants a reason; discard and replay are audited with who and why, shown by show --json', async () => {
    const first = dead('picking:12', { type: 'picking.validate', pickingId: 12 }, 'NOT_FOUND: odoo stock.picking 12 does not exist');
    const second = dead('picking:13', { type: 'picking.validate', pickingId: 13 }, 'SERVER: boom');

    const refused = await station(['outbox', 'discard', String(first), '--db', db.name]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('needs a reason');

    const discarded = await station(['outbox', 'discard', String(first), '--db', db.name, '--reason', 'picking deleted in Odoo', '--who', 'Ana']);
    expect(discarded.stdout).toContain(`discarded dead letter ${first} (WH/OUT/00012 picking.validate → odoo): "picking deleted in Odoo" by Ana`);
    const replayed = await station(['outbox', 'replay', String(second), '--config', config]);
    expect(replayed.code).toBe(0);

    const trail = new DeadLetterStore(db, realClock).auditTrail();
    expect(trail.map((e) => [e.deadLetterId, e.action, e.who, e.reason, e.via])).toEqual([
      [second, 'replay', 'night-shift', '', 'cli'],
      [first, 'discard', 'Ana', 'picking deleted in Odoo', 'cli'],
    ]);
    const shown = await station(['outbox', 'show', String(first), '--db', db.name, '--json']);
    const json = JSON.parse(shown.stdout) as { letter: { resolution: string }; audit: { who: string }[] };
    expect(json.letter.resolution).toBe('discarded');
    expect(json.audit.map((a) => a.who)).toEqual(['Ana']);

    const missing = await station(['outbox', 'list', '--db', join(tmp.dir, 'nope.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no station database at');
  });

  it('a replay --all from the command line is delivered by the sync engine running on the same file, without a kick', async () => {
    const delivered: number[] = [];
    // A second connection, as the running station has its own.
    const stationDb = openStationDb(db.name);
    const engine = new SyncEngine({
      store: new OutboxStore(stationDb, realClock),
      deliverers: { odoo: async (event) => void delivered.push(event.id) },
      clock: realClock,
      policy: { baseDelayMs: 1_000, maxDelayMs: 10_000, maxAttempts: 3 },
      idleMs: 1_000,
    });
    await engine.start();
    stops.push(() => closeStationDb(stationDb), () => engine.stop());

    const events = [12, 13].map((id) => outbox.enqueue('odoo', `picking:${id}`, { type: 'picking.validate', pickingId: id }));
    for (const id of events) outbox.markDead(id, 'SERVER: boom');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(delivered).toEqual([]);

    const res = await station(['outbox', 'replay', '--all', '--target', 'odoo', '--db', db.name, '--reason', 'Odoo fixed']);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^replayed 2 dead letter\(s\) for odoo/);
    await expect.poll(() => [...delivered].sort(), { timeout: 5_000 }).toEqual(events);
    expect(outbox.status(Date.now()).deadLetters).toEqual([]);
  });
});
