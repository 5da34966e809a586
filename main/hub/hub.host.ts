import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Clock } from '../../app/ports';
import type { HubStore } from '../../app/hub/hub.ports';
import { openHubStore } from '../../sync/hub/store/hub-store';
import { hostForUrl } from '../headless/http-guard';
import { RENDERER_DIST } from '../headless/static-files';
import { silentLog, type Log } from '../log';
import { systemClock } from '../system-clock';
import { fleetHttpHandler } from './fleet-api';
import { attachFleetNamespace } from './fleet-namespace';
import { FleetView } from './fleet-view';
import { ensureFirstAdmin } from './first-admin';
import type { ResolvedHubConfig } from './hub-config';
import type { HubContext } from './hub-context';
import { joinRedisFanout } from './redis-fanout';
import { attachStationNamespace } from './station-namespace';
import { registerBoughtLabels } from './ledger-labels';
import { reconSystems } from './recon-readers';
import { startReconJobs, trackingIngest, webhookDeps } from './recon.wiring';
import { stationExceptionSync } from './station-exceptions';
import { handleWebhook } from './webhook-routes';
import type { JobRunner } from './job-runner';

export interface RunningHub {
  /** `http(s)://host:port`: the fleet view, its API and both socket.io namespaces. */
  url: string;
  hubId: string;
  store: HubStore;
  stop(): Promise<void>;
}

export interface HubDeps {
  log?: Log;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** The built fleet view (tests may point elsewhere). */
  staticDir?: string;
}

/** Hubs missing this many heartbeats in a row no longer vouch for the stations they held. */
const MISSED_BEATS = 3;

/** Starts one hub process: store, HTTP, socket.io (with Redis fan-out when configured) and its heartbeat. */
export async function startHub(config: ResolvedHubConfig, deps: HubDeps = {}): Promise<RunningHub> {
  const log = deps.log ?? silentLog();
  const clock = deps.clock ?? systemClock;
  const systems = reconSystems(config);
  const store = await openHubStore({ dataDir: config.dataDir, url: config.database?.url, now: clock.now });
  let io: Server | null = null;
  let jobs: JobRunner | null = null;
  let fanout: { close(): Promise<void> } | null = null;
  let stations: { drain(): Promise<void> } | null = null;
  let heartbeat: (() => Promise<void>) | null = null;
  // A stopping hub lets go of its stations (they reconnect to another hub), writes what waits, then closes.
  const stop = async () => {
    const steps = [jobs?.stop, heartbeat, io && (() => new Promise<void>((resolve) => void io?.close(() => resolve()))), stations?.drain, fanout?.close, store.close];
    for (const step of steps) if (step) await step().catch((err: unknown) => log.error({ err }, 'hub stop step failed'));
  };
  try {
    await ensureFirstAdmin(store, deps.env ?? process.env, clock.now(), log);
    // A restart under the same name (after a crash) must not vouch for the sockets of its earlier run.
    const released = await store.presence.releaseHub(config.hubId, clock.now());
    if (released > 0) log.info({ hubId: config.hubId, released }, 'stations of the previous run shown offline until they reconnect');
    const server: HttpServer = config.tls ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }) : createHttpServer();
    // No cross-origin access at all: the fleet view is served by the hub itself, stations are not browsers.
    // A station whose socket only looks open (network gone, no FIN) is dropped within two heartbeats.
    const beatMs = config.heartbeatSeconds * 1000;
    io = new Server(server, { serveClient: false, maxHttpBufferSize: 2 * 1024 * 1024, pingInterval: beatMs, pingTimeout: beatMs });
    if (config.redis) fanout = await joinRedisFanout(io, config.redis.url, log);
    const fleet = new FleetView(store, io, config.alerts, clock, beatMs * MISSED_BEATS);
    const ctx: HubContext = {
      hubId: config.hubId,
      config,
      store,
      io,
      fleet,
      clock,
      log,
      stationExceptions: stationExceptionSync(store.exceptions, clock, log),
      ledgerStored: registerBoughtLabels(store.tracking, log),
    };
    const ingest = trackingIngest(store, clock, log);
    const webhooks = webhookDeps(config, ingest, clock, log);
    const fleetHttp = fleetHttpHandler(ctx, deps.staticDir ?? RENDERER_DIST);
    // socket.io answers its own path first and hands every other request here: the platforms' webhooks (which carry
    // their own proof instead of a session), then the fleet view and its API.
    server.on('request', (req, res) => {
      handleWebhook(req, res, webhooks).then(
        (handled) => handled || fleetHttp(req, res),
        (err: unknown) => log.error({ err }, 'webhook request failed'),
      );
    });
    stations = attachStationNamespace(ctx);
    attachFleetNamespace(ctx);
    heartbeat = startHeartbeat(ctx);
    jobs = startReconJobs({ store, systems, config, clock, log }, config.hubId, ingest);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.listen.port, config.listen.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const url = `${config.tls ? 'https' : 'http'}://${hostForUrl(config.listen.host)}:${port}`;
    log.info({ hubId: config.hubId, url, database: config.database ? 'server' : 'embedded', redis: Boolean(config.redis) }, 'hub listening');
    return { url, hubId: config.hubId, store, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Tells the other hubs this one is alive (and so are the stations it holds); the first beat is sent at once. */
function startHeartbeat(ctx: HubContext): () => Promise<void> {
  let timer: unknown = null;
  let stopped = false;
  let last: Promise<void> = Promise.resolve();
  const beat = () => {
    last = ctx.store.presence.heartbeat(ctx.hubId, ctx.clock.now()).catch((err: unknown) => ctx.log.warn({ err }, 'hub heartbeat not recorded'));
    void last.then(() => {
      if (!stopped) timer = ctx.clock.setTimeout(beat, ctx.config.heartbeatSeconds * 1000);
    });
  };
  beat();
  return async () => {
    stopped = true;
    if (timer !== null) ctx.clock.clearTimeout(timer);
    await last;
  };
}
