import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type { HubStore } from '../../../app/hub/hub.ports';
import { migrateHub } from '../../../sync/hub/store/hub-migrations';
import { hubStoreOn, openHubStore } from '../../../sync/hub/store/hub-store';
import { openPgClient } from '../../../sync/hub/store/pg-client';
import { openPgliteClient } from '../../../sync/hub/store/pglite-client';
import type { SqlClient } from '../../../sync/hub/store/sql-client';
import { startPostgresServer } from '../../support/postgres-server';

/**
 * Two hubs' stores on one database and a raw connection to it. On PGlite both hubs share the one in-process store
 * (PGlite is one connection, as in a single embedded hub); on a PostgreSQL server each hub has its own pool.
 */
export interface ReconWorld {
  engine: string;
  a: HubStore;
  b: HubStore;
  sql: SqlClient;
  close(): Promise<void>;
}

export async function pgliteWorld(): Promise<ReconWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'recon-pglite-'));
  const sql = await openPgliteClient(join(dir, 'pg'));
  await migrateHub(sql, Date.now());
  const store = hubStoreOn(sql);
  return {
    engine: 'PGlite',
    a: store,
    b: store,
    sql,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresWorld(): Promise<ReconWorld> {
  const server = await startPostgresServer();
  const dir = mkdtempSync(join(tmpdir(), 'recon-pg-'));
  try {
    const a = await openHubStore({ dataDir: dir, url: server.url });
    const b = await openHubStore({ dataDir: dir, url: server.url });
    const sql = await openPgClient(server.url, 1);
    return {
      engine: 'a PostgreSQL server',
      a,
      b,
      sql,
      close: async () => {
        await Promise.all([a.close(), b.close(), sql.close()]);
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Runs `body` once per engine, on a world opened for it (a fresh database costs seconds: the tests inside share it). */
export function describeOnEngines(title: string, body: (world: () => ReconWorld) => void): void {
  for (const [engine, open] of [
    ['PGlite', pgliteWorld],
    ['a PostgreSQL server', postgresWorld],
  ] as const) {
    describe(`${title} on ${engine}`, () => {
      let world: ReconWorld | undefined;
      beforeAll(async () => {
        world = await open();
      }, 60_000);
      afterAll(async () => world?.close());
      body(() => {
        if (world === undefined) throw new Error(`${engine} did not open`);
        return world;
      });
    });
  }
}
