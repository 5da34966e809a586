import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';
import type { Log } from '../log';

/**
 * Joins this hub's socket.io server to every other hub on the same Redis: broadcasts, rooms, `disconnectSockets`
 * and acknowledged emits reach sockets held by any of them. Two clients, as the adapter needs: one publishes, one
 * only subscribes.
 */
export async function joinRedisFanout(io: Server, url: string, log: Log): Promise<{ close(): Promise<void> }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const [name, client] of [['publish', pub], ['subscribe', sub]] as const) {
    // node-redis reconnects by itself; without a listener an error event would crash the process.
    client.on('error', (err: unknown) => log.warn({ err, client: name }, 'redis connection error'));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  log.info({ redis: new URL(url).host }, 'hub joined the redis fan-out');
  return {
    close: async () => {
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
