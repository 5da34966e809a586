import { userInfo } from 'node:os';
import { firstLineOfStdin } from './stdin-line';
import { parseArgs } from 'node:util';
import { StationError } from '../../app/domain/errors';
import { HubRoleSchema } from '../../app/hub/fleet.schema';
import type { HubStore } from '../../app/hub/hub.ports';
import { openHubStore } from '../../sync/hub/store/hub-store';
import { loadHubConfigFile, type ResolvedHubConfig } from '../hub/hub-config';
import { systemClock } from '../system-clock';
import { HUB_USAGE } from './hub.usage';

export { HUB_USAGE } from './hub.usage';

export interface HubCommandDeps {
  stdout?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The password when STATION_HUB_PASSWORD is unset (stdin's first line by default). */
  readPassword?: () => Promise<string>;
}

/** `station hub …`. Returns the exit code; the server form only returns when it fails to start. */
export async function runHub(args: string[], deps: HubCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { config: { type: 'string', short: 'c' }, role: { type: 'string' } } });
  const env = deps.env ?? process.env;
  const write = deps.stdout ?? ((text: string) => process.stdout.write(text));
  if (!values.config) throw new StationError('CONFIG', `station hub needs --config <hub.json>\nusage:\n${HUB_USAGE}`);
  const config = loadHubConfigFile(values.config, env);
  const [group, action, name] = positionals;
  if (group === undefined) return serve(config, write);
  if (group === 'token' && (action === 'issue' || action === 'rotate' || action === 'revoke') && name) {
    return onStore(config, async (store) => write(await tokenAction(store, action, name, env)));
  }
  if (group === 'user' && action === 'add' && name) {
    const role = HubRoleSchema.safeParse(values.role);
    if (!role.success) throw new StationError('CONFIG', `station hub user add needs --role viewer|supervisor|admin\nusage:\n${HUB_USAGE}`);
    const password = env.STATION_HUB_PASSWORD ?? (await (deps.readPassword ?? firstLineOfStdin)());
    if (password.length < 8) throw new StationError('CONFIG', 'the password needs at least 8 characters (STATION_HUB_PASSWORD or stdin)');
    return onStore(config, async (store) => {
      await store.users.put(name, password, role.data, systemClock.now());
      write(`user ${name} (${role.data}) saved\n`);
    });
  }
  throw new StationError('CONFIG', `unknown hub command "${positionals.join(' ')}"\nusage:\n${HUB_USAGE}`);
}

async function serve(config: ResolvedHubConfig, write: (text: string) => void): Promise<number> {
  const [{ createLog }, { startHub }, { stopOnSignals }] = await Promise.all([import('../log'), import('../hub/hub.host'), import('../headless/headless.host')]);
  const log = createLog();
  const hub = await startHub(config, { log });
  write(`Hub ${hub.hubId} running. Fleet view: ${hub.url}/\n`);
  stopOnSignals(hub.stop, log);
  await new Promise(() => {});
  return 0;
}

async function onStore(config: ResolvedHubConfig, run: (store: HubStore) => Promise<void>): Promise<number> {
  const store = await openHubStore({ dataDir: config.dataDir, url: config.database?.url });
  try {
    await run(store);
    return 0;
  } finally {
    await store.close();
  }
}

/** Audited like the fleet view's token actions, under the operator's login. */
async function tokenAction(store: HubStore, action: 'issue' | 'rotate' | 'revoke', stationId: string, env: NodeJS.ProcessEnv): Promise<string> {
  const now = systemClock.now();
  const username = `cli:${env.USER ?? userInfo().username}`;
  let out: string;
  if (action === 'revoke') {
    await store.tokens.revoke(stationId, now);
    out = `station ${stationId} revoked: its token is refused from its next connection\n`;
  } else {
    const token = action === 'issue' ? await store.tokens.issue(stationId, now) : await store.tokens.rotate(stationId, now);
    if (action === 'rotate') await store.tokens.promote(stationId, now);
    out = `${token}\n`;
  }
  await store.audit.record({ at: now, username, action: `token:${action}`, stationId, detail: {}, outcome: 'ok', error: null });
  return out;
}
