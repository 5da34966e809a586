/**
 * Everyone who may sign in, read from the Odoo sandbox over real HTTP (JSON-RPC on 16–18, JSON-2 on 19) and cached
 * in a real station database: badges, supervisors by Odoo group or by config, PINs only as scrypt hashes, a refresh
 * that replaces the cache, and a failed refresh that keeps it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { readPeople, type PeopleReadOptions } from '../../../sync/odoo/people.reader';
import { PeopleCacheStore } from '../../../sync/people/people-cache.store';
import { hashPin } from '../../../sync/people/pin-hash';
import { SANDBOX_PEOPLE } from '../../../sync/sim/odoo/people-models.sim';
import type { SandboxVersion } from '../../../sync/sim/odoo/stock-models.sim';
import { FakeClock } from '../../support/fake-clock';
import { tempDir } from '../../unit/sync/outbox/outbox-fixtures';
import { cleanups, world } from '../sync/odoo-world';

const { packer, supervisor, germanPacker } = SANDBOX_PEOPLE;
const GROUPS: PeopleReadOptions = { supervisorBadges: [], supervisorGroups: ['stock.group_stock_manager'] };

const warnings: object[] = [];
const log = { info: () => undefined, error: () => undefined, warn: (obj: object) => void warnings.push(obj) };
afterEach(() => void (warnings.length = 0));

function stationDb(): StationDb {
  const tmp = tempDir();
  const db = openStationDb(tmp.file());
  cleanups.push(async () => {
    closeStationDb(db);
    tmp.cleanup();
  });
  return db;
}

describe.each([16, 17, 18, 19] as SandboxVersion[])('people from Odoo %i', (version) => {
  it('reads every employee with a badge; supervisors by Odoo group, with their PIN; languages from their users', async () => {
    const { sandbox, gateway } = await world(version);
    const people = await readPeople(await gateway.apiSession(), { ...GROUPS, log });
    expect(people.map((p) => [p.name, p.badge, p.role, p.language, p.pin])).toEqual([
      [packer.name, packer.badge, 'packer', null, null],
      [supervisor.name, supervisor.badge, 'supervisor', 'en', supervisor.pin],
      [germanPacker.name, germanPacker.badge, 'packer', 'de', null],
    ]);
    expect(people[0]?.id).toMatch(/^employee:\d+$/);
    expect(sandbox.hits[version >= 19 ? 'json2' : 'jsonrpc']).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });
});

describe('the people cache', () => {
  it('keeps supervisors PINs as scrypt hashes only, finds badges without case, checks PINs', async () => {
    const { gateway } = await world(17);
    const db = stationDb();
    const cache = new PeopleCacheStore(db, new FakeClock(), { read: async () => readPeople(await gateway.apiSession(), GROUPS), supervisorPinHash: null });
    expect(await cache.refresh()).toMatchObject({ people: 3 });
    const sofia = cache.byBadge(` ${supervisor.badge} `);
    expect(sofia).toMatchObject({ name: supervisor.name, role: 'supervisor', hasPin: true, language: 'en' });
    expect(cache.checkPin(sofia!.id, supervisor.pin)).toBe(true);
    expect(cache.checkPin(sofia!.id, '1111')).toBe(false);
    const paul = cache.byBadge(packer.badge)!;
    expect(paul).toMatchObject({ role: 'packer', hasPin: false });
    expect(cache.checkPin(paul.id, '0000')).toBe(false);
    expect(cache.byBadge('WH/OUT/00012')).toBeNull();
    const stored = JSON.stringify(db.prepare('SELECT * FROM people_cache').all());
    expect(stored).not.toContain(supervisor.pin);
    expect(db.prepare('SELECT pin_hash FROM people_cache WHERE pin_hash IS NOT NULL').all()).toEqual([{ pin_hash: expect.stringMatching(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/) }]);
  });

  it('a badge listed in the config makes a supervisor, whose PIN is the configured hash when Odoo has none', async () => {
    const { gateway } = await world(18);
    const cache = new PeopleCacheStore(stationDb(), new FakeClock(), {
      read: async () => readPeople(await gateway.apiSession(), { supervisorBadges: [packer.badge.toLowerCase()], supervisorGroups: ['stock.no_such_group'], log }),
      supervisorPinHash: hashPin('97531'),
    });
    await cache.refresh();
    const paul = cache.byBadge(packer.badge)!;
    expect(paul.role).toBe('supervisor');
    expect(cache.checkPin(paul.id, '97531')).toBe(true);
    // The unknown group was only a warning: Sofia, a supervisor by that group alone, is a packer here.
    expect(cache.byBadge(supervisor.badge)?.role).toBe('packer');
    expect(warnings).toEqual([expect.objectContaining({ group: 'stock.no_such_group' })]);
  });

  it('a supervisor with no PIN anywhere signs in as a packer', async () => {
    const { sandbox, gateway } = await world(19);
    const sofiaId = sandbox.records('hr.employee', [['barcode', '=', supervisor.badge]])[0]!.id as number;
    sandbox.writeInOdoo('hr.employee', sofiaId, { pin: false });
    const cache = new PeopleCacheStore(stationDb(), new FakeClock(), { read: async () => readPeople(await gateway.apiSession(), GROUPS), supervisorPinHash: null, log });
    await cache.refresh();
    expect(cache.byBadge(supervisor.badge)).toMatchObject({ role: 'packer', hasPin: false });
  });

  it('a refresh replaces the cache; Odoo unreachable keeps it as it was', async () => {
    const { sandbox, gateway } = await world(17);
    const clock = new FakeClock();
    const cache = new PeopleCacheStore(stationDb(), clock, { read: async () => readPeople(await gateway.apiSession(), GROUPS), supervisorPinHash: null });
    await cache.refresh();
    const paulId = sandbox.records('hr.employee', [['barcode', '=', packer.badge]])[0]!.id as number;
    sandbox.writeInOdoo('hr.employee', paulId, { active: false });
    sandbox.createInOdoo('hr.employee', { name: 'Mia Roth', barcode: '041000000199' });
    clock.advance(60_000);
    await cache.refresh();
    expect(cache.byBadge(packer.badge)).toBeNull();
    expect(cache.byBadge('041000000199')?.name).toBe('Mia Roth');

    await sandbox.close();
    await expect(cache.refresh()).rejects.toThrow();
    expect(cache.count()).toBe(3);
    expect(cache.byBadge('041000000199')?.name).toBe('Mia Roth');
  });
});
