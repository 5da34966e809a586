import net from 'node:net';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { openPgClient } from '../../../sync/hub/store/pg-client';
import { startPostgresServer } from '../../support/postgres-server';
import { startRedisServer } from '../../support/redis-server';

/** True while something accepts TCP connections on the port. */
const listening = (url: string) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('throwaway engine servers for the hub tests', () => {
  it('starts a PostgreSQL server that takes connections, and stops it', async () => {
    const server = await startPostgresServer();
    try {
      const db = await openPgClient(server.url, 1);
      const rows = await db.query<{ version: string }>('SELECT version() AS version');
      await db.close();
      expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    } finally {
      await server.stop();
    }
    expect(await listening(server.url)).toBe(false);
  }, 60_000);

  it('starts a Redis server that answers, and stops it', async () => {
    const server = await startRedisServer();
    try {
      const client = createClient({ url: server.url });
      await client.connect();
      await client.set('hub:test', 'yes');
      expect(await client.get('hub:test')).toBe('yes');
      client.destroy();
    } finally {
      await server.stop();
    }
    expect(await listening(server.url)).toBe(false);
  });
});
