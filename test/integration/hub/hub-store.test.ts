import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubStoreOn, openHubStore } from '../../../sync/hub/store/hub-store';
import { hubMigrations, migrateHub } from '../../../sync/hub/store/hub-migrations';
import { openPgClient } from '../../../sync/hub/store/pg-client';
import { openPgliteClient } from '../../../sync/hub/store/pglite-client';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server';
import { hubStoreContract } from './hub-store-suite';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-store-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let server: PostgresServer | undefined;
beforeAll(async () => {
  server = await startPostgresServer();
}, 60_000);
afterAll(async () => server?.stop());
const serverUrl = () => {
  if (server === undefined) throw new Error('PostgreSQL server not started');
  return server.url;
};

hubStoreContract('PGlite', async () => {
  // PGlite is one connection: the raw client is the store's own (what openHubStore does, step by step).
  const sql = await openPgliteClient(join(tempDir(), 'pg'));
  await migrateHub(sql, Date.now());
  const store = hubStoreOn(sql);
  return { store, sql, close: () => store.close() };
});

hubStoreContract('a PostgreSQL server', async () => {
  const store = await openHubStore({ dataDir: tempDir(), url: serverUrl() });
  const sql = await openPgClient(serverUrl(), 1);
  return { store, sql, close: async () => Promise.all([store.close(), sql.close()]).then(() => {}) };
});

describe('hub store setup', () => {
  it('keeps its data when reopened on the same PGlite directory, without migrating again', async () => {
    const dataDir = tempDir();
    const first = await openHubStore({ dataDir });
    const token = await first.tokens.issue('bench-1', 1000);
    await first.ledger.append('bench-1', [{ seq: 3, at: 1000, fact: { type: 'picking.validated', pickingId: 42, pickingName: 'WH/OUT/42' } }], 1001);
    await first.users.put('ann', 'correct horse', 'admin', 1000);
    await first.close();

    const again = await openHubStore({ dataDir });
    try {
      expect(await again.tokens.verify('bench-1', token)).toBe('ok');
      expect(await again.ledger.highestSeq('bench-1')).toBe(3);
      expect(await again.ledger.validatedPickings()).toEqual([{ stationId: 'bench-1', pickingId: 42 }]);
      expect(await again.users.authenticate('ann', 'correct horse')).toEqual({ username: 'ann', role: 'admin' });
    } finally {
      await again.close();
    }
  });

  it('lets several hubs start at once against one server: one migrates, the others wait and find it done', async () => {
    const admin = await openPgClient(serverUrl(), 1);
    const database = `hubs_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.close();
    const url = serverUrl().replace(/\/postgres$/, `/${database}`);

    const stores = await Promise.all([1, 2, 3].map(() => openHubStore({ dataDir: tempDir(), url })));
    try {
      const check = await openPgClient(url, 1);
      const rows = await check.query<{ version: number }>('SELECT version FROM hub_migrations ORDER BY version');
      await check.close();
      expect(rows.map((row) => Number(row.version))).toEqual(hubMigrations.map((m) => m.version));
      const token = await stores[0]!.tokens.issue('bench-2', 1);
      expect(await stores[2]!.tokens.verify('bench-2', token)).toBe('ok');
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
