/**
 * The fleet bench's two set-ups: N stations on one hub with its embedded PGlite, then N stations split over two hubs
 * sharing one PostgreSQL server and one Redis (the fleet viewer on the first, so stations on the second reach it
 * through the Redis adapter).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openHubStore } from '../../../sync/hub/store/hub-store';
import { freePort } from '../../support/free-port';
import { startPostgresServer } from '../../support/postgres-server';
import { startRedisServer } from '../../support/redis-server';
import { commandRoundTrips, reconnectStorm, steadyLoad, type SharedServer } from './fleet-phases';
import { percentile, type Section } from './fleet-report';
import { commandMetrics, loadMetrics, section, stormMetrics } from './fleet-sections';
import { FleetViewer } from './fleet-viewer';
import { HubProcess, type HubFileConfig } from './hub-process';
import { findProcess, memoryOf, treeCpuSecondsOf, cpuSecondsOf } from './proc-stats';
import type { StationPace } from './simulated-station';
import { StationSwarm } from './station-swarm';
import type { SwarmStation } from './swarm-protocol';

export interface FleetRunOptions {
  stations: number;
  windowMs: number;
  warmupMs: number;
  commands: number;
  pace: StationPace;
  /** The bundled `station` command and the run's temp dir. */
  command: string;
  dir: string;
  /** Node options for the hubs (a CPU profile per hub process with `--fleet-profile`). */
  hubNodeArgs: string[];
}

const USER = 'fleet-bench';
const CONNECT_TIMEOUT_MS = 180_000;
const STORM_TIMEOUT_MS = 180_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const counts = (map: ReadonlyMap<string, number>) => (map.size === 0 ? 'none' : [...map].map(([k, n]) => `${k} ×${n}`).join(', '));
const stationIdOf = (i: number) => `bench-${String(i + 1).padStart(4, '0')}`;

/** Registers the stations and the viewer's user through the hub's store, as `station hub token issue` does. */
async function enrol(store: { dataDir: string; url?: string }, count: number): Promise<{ tokens: string[]; password: string }> {
  const hubStore = await openHubStore(store);
  try {
    const now = Date.now();
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) tokens.push(await hubStore.tokens.issue(stationIdOf(i), now));
    const password = randomBytes(12).toString('hex');
    await hubStore.users.put(USER, password, 'supervisor', now);
    return { tokens, password };
  } finally {
    await hubStore.close();
  }
}

async function hubConfig(hubId: string, dataDir: string, shared: Pick<HubFileConfig, 'database' | 'redis'>): Promise<HubFileConfig> {
  return { hubId, dataDir, listen: { host: '127.0.0.1', port: await freePort() }, ...shared };
}

/** Connects the swarm, logs the viewer in, lets the load settle, then measures load, commands and the storm. */
async function measure(
  title: string,
  opts: FleetRunOptions,
  hubs: HubProcess[],
  stations: SwarmStation[],
  password: string,
  commandTargets: { ids: string[]; label: string },
  servers: SharedServer[] = [],
): Promise<Section[]> {
  const hubOf = new Map(stations.map((s) => [s.stationId, hubs.find((h) => h.url === s.url)?.config.hubId ?? '?']));
  const idle = hubs.map((hub) => memoryOf(hub.pid).rssMb);
  const swarm = new StationSwarm(stations, Math.ceil(stations.length / 500));
  let viewer: FleetViewer | undefined;
  try {
    swarm.start(opts.pace);
    await swarm.allOnline(CONNECT_TIMEOUT_MS);
    const connectMs = swarm.connectedSince(0).latest - (swarm.startedAt ?? NaN);
    const cold = await swarm.counters();
    const viewerHub = hubs[0];
    if (!viewerHub) throw new Error('no hub');
    viewer = await FleetViewer.login(viewerHub.url, USER, password, (id) => hubOf.get(id) ?? '?');
    await viewer.connect();
    await sleep(opts.warmupMs);
    const load = await steadyLoad(hubs, swarm, viewer, opts.windowMs, servers);
    const commands = await commandRoundTrips(viewer, commandTargets.ids, opts.commands);
    const storm = await reconnectStorm(hubs, swarm, viewer, STORM_TIMEOUT_MS);
    const groups = hubs.map((h, i) => ({ group: h.config.hubId, label: i === 0 ? `stations on ${h.config.hubId}` : `stations on ${h.config.hubId} (via Redis)` }));
    return [
      section(`${title}: ${stations.length} stations, ${(load.seconds).toFixed(0)} s window`, [
        ...hubs.map((h, i) => ({ name: `${h.config.hubId} RSS before the stations`, value: idle[i] ?? NaN, unit: 'MB' })),
        { name: `all ${stations.length} stations connected (cold start)`, value: connectMs, unit: 'ms' },
        { name: 'cold start handshake wait p50 / p99', value: percentile(cold.admittedMs, 0.5), unit: `ms / ${percentile(cold.admittedMs, 0.99).toFixed(0)} ms` },
        ...loadMetrics(load, groups),
        ...commandMetrics(commands, commandTargets.label),
      ], [
        ...commands.failures.slice(0, 3).map((f) => `command failed: ${f}`),
        ...(load.invalidRows > 0 ? [`${load.invalidRows} fleet rows failed FleetStationSchema`] : []),
      ]),
      section(`${title}: reconnect storm (SIGTERM, start again, ${stations.length} stations back)`, stormMetrics(storm, stations.length), [
        ...(storm.killed ? ['a hub did not exit within the grace after SIGTERM and was killed'] : []),
        ...(storm.onlineAtEnd < stations.length ? [`only ${storm.onlineAtEnd}/${stations.length} online ${STORM_TIMEOUT_MS / 1000} s after the restart`] : []),
        `disconnects by reason: ${counts(swarm.disconnectReasons)}`,
        `failed connection attempts by message: ${counts(new Map(Object.entries(storm.counters.connectFailures)))}`,
        `handshakes refused by reason: ${counts(swarm.refusalReasons())}`,
      ]),
    ];
  } catch (error) {
    for (const hub of hubs) console.error(`--- ${hub.config.hubId} log tail ---\n${hub.logTail()}`);
    throw error;
  } finally {
    viewer?.close();
    await swarm.stop();
  }
}

/** Redis (it names itself `redis-server host:port`) and PostgreSQL's postmaster with its backends, found by port. */
function sharedServers(postgresUrl: string, redisUrl: string): SharedServer[] {
  const redisPort = new URL(redisUrl).port;
  const postgresPort = new URL(postgresUrl).port;
  const redis = findProcess((args) => (args[0] ?? '').startsWith('redis-server') && (args[0] ?? '').endsWith(`:${redisPort}`));
  const postmaster = findProcess((args) => (args[0] ?? '').endsWith('/postgres') && args.includes('-p') && args.includes(postgresPort));
  const servers: SharedServer[] = [];
  if (redis !== null) servers.push({ name: 'redis-server', cpuSeconds: () => cpuSecondsOf(redis) });
  if (postmaster !== null) servers.push({ name: 'PostgreSQL (server + backends)', cpuSeconds: () => treeCpuSecondsOf(postmaster) });
  return servers;
}

export async function oneHubRun(opts: FleetRunOptions): Promise<Section[]> {
  const dataDir = join(opts.dir, 'hub-a');
  const { tokens, password } = await enrol({ dataDir }, opts.stations);
  const hub = new HubProcess(opts.command, opts.dir, await hubConfig('hub-a', dataDir, {}), opts.hubNodeArgs);
  try {
    await hub.start();
    const stations = tokens.map((token, i) => ({ url: hub.url, stationId: stationIdOf(i), token, index: i }));
    return await measure('one hub (PGlite)', opts, [hub], stations, password, { ids: stations.map((s) => s.stationId), label: 'viewer and station on one hub' });
  } finally {
    await hub.stop();
  }
}

export async function twoHubRun(opts: FleetRunOptions): Promise<Section[]> {
  const [postgres, redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
  const hubs: HubProcess[] = [];
  try {
    const { tokens, password } = await enrol({ dataDir: join(opts.dir, 'enrol'), url: postgres.url }, opts.stations);
    const shared = { database: { url: postgres.url }, redis: { url: redis.url } };
    for (const hubId of ['hub-a', 'hub-b']) hubs.push(new HubProcess(opts.command, opts.dir, await hubConfig(hubId, join(opts.dir, `shared-${hubId}`), shared), opts.hubNodeArgs));
    await Promise.all(hubs.map((hub) => hub.start()));
    const stations = tokens.map((token, i) => ({ url: hubs[i % 2]?.url ?? '', stationId: stationIdOf(i), token, index: i }));
    const onB = stations.filter((_, i) => i % 2 === 1).map((s) => s.stationId);
    const targets = { ids: onB, label: 'viewer on hub-a, stations on hub-b' };
    return await measure('two hubs (PostgreSQL server + Redis)', opts, hubs, stations, password, targets, sharedServers(postgres.url, redis.url));
  } finally {
    for (const hub of hubs) await hub.stop();
    await Promise.all([postgres.stop(), redis.stop()]);
  }
}
