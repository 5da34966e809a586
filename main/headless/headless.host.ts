import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { StationError, errorMessage } from '../../app/domain/errors';
import type { ResolvedConfig } from '../config/load-config';
import { createStation, type Station, type StationDeps } from '../bootstrap';
import { isLoopbackHost } from './http-guard';
import { startUiServer, type UiServer } from './ui.server';
import { RENDERER_DIST } from './static-files';

export { RENDERER_DIST };

export interface HeadlessStation {
  station: Station;
  /** Base URL of the UI server (`/api/status` hangs off it). */
  url: string;
  /** The link to give the operator: opens the UI with the bridge token. */
  openUrl: string;
  /** The bridge token (`Authorization: Bearer` for `/api/view`). */
  token: string;
  /** Milliseconds from process start to a serving UI. */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * What can be refused without touching a device is refused first, so a bad setting never leaves a port or the
 * database open. Binding the port is the one check that can only be made by doing it.
 */
function preflight(config: ResolvedConfig, staticDir: string): void {
  if (!isLoopbackHost(config.ui.host)) {
    throw new StationError('CONFIG', `ui.host ${config.ui.host} is not a loopback address: the station UI is served on 127.0.0.1 or ::1 only`);
  }
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new StationError('CONFIG', `renderer build not found in ${staticDir} (run npm run build)`);
  }
}

function uiBindError(config: ResolvedConfig, cause: unknown): StationError {
  const code = (cause as NodeJS.ErrnoException).code;
  const where = `${config.ui.host}:${config.ui.port}`;
  const why =
    code === 'EADDRINUSE'
      ? `port ${config.ui.port} is already in use (another station or program?); choose another ui.port`
      : code === 'EADDRNOTAVAIL' || code === 'EACCES'
        ? `the address cannot be bound here (${code}); check ui.host / ui.port`
        : errorMessage(cause);
  return new StationError('CONFIG', `station UI cannot listen on ${where}: ${why}`, { cause, detail: { errno: code } });
}

/**
 * The headless host: the same core as the Electron app, its UI served on loopback over the same contract. A start
 * that fails half-way releases what it opened (ports, printer socket, database) before the error propagates.
 */
export async function startHeadless(config: ResolvedConfig, deps: StationDeps & { log: Logger }): Promise<HeadlessStation> {
  const startedAt = performance.now();
  preflight(config, RENDERER_DIST);
  const station = createStation(config, deps);
  let ui: UiServer;
  try {
    await station.start();
    ui = await startUiServer({
      host: config.ui.host,
      port: config.ui.port,
      core: station.core,
      staticDir: RENDERER_DIST,
      log: deps.log,
      metrics: () => station.metrics.scrape(),
    }).catch(
      (cause: unknown) => {
        throw uiBindError(config, cause);
      },
    );
  } catch (error) {
    deps.log.error({ err: errorMessage(error) }, 'station start failed; releasing devices and database');
    await station.stop().catch((stopError: unknown) => deps.log.error({ err: errorMessage(stopError) }, 'release after failed start failed'));
    throw error;
  }
  // performance.now() counts from process start, so readyMs includes loading the code, which is what an operator waits for.
  const readyMs = Math.round(performance.now());
  const startMs = Math.round(performance.now() - startedAt);
  deps.log.info({ stationId: config.stationId, readyMs, startMs }, `station ready in ${readyMs} ms`);
  let stopping: Promise<void> | null = null;
  return {
    station,
    url: ui.url,
    openUrl: ui.openUrl,
    token: ui.token,
    readyMs,
    stop: () => {
      stopping ??= (async () => {
        await ui.close();
        await station.stop();
      })();
      return stopping;
    },
  };
}

/** Stops cleanly on SIGINT/SIGTERM: drain the sync engine, close ports, checkpoint the WAL. */
export function stopOnSignals(stop: () => Promise<void>, log: Logger): void {
  const handler = (signal: string) => {
    log.info({ signal }, 'stopping');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
