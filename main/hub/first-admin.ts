import type { HubStore } from '../../app/hub/hub.ports';
import type { Log } from '../log';
import { HUB_ENV } from './hub-config';

/** A new hub has no users: with STATION_HUB_ADMIN_PASSWORD set it gets `admin`, so someone can log in at all. */
export async function ensureFirstAdmin(store: HubStore, env: NodeJS.ProcessEnv, now: number, log: Log): Promise<void> {
  const password = env[HUB_ENV.adminPassword];
  if (!password || (await store.users.count()) > 0) return;
  await store.users.put('admin', password, 'admin', now);
  log.info({ username: 'admin' }, `first admin user created from ${HUB_ENV.adminPassword}`);
}
