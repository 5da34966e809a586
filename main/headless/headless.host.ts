import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/load-config';
import { createStation, type Station, type StationDeps } from '../bootstrap';
import { startUiServer } from './ui.server';

export const RENDERER_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'dist');

export interface HeadlessStation {
  station: Station;
  url: string;
  stop(): Promise<void>;
}

/** The headless host: the same core as the Electron app, its UI served on loopback over the same contract. */
export async function startHeadless(config: ResolvedConfig, deps: StationDeps & { log: Logger }): Promise<HeadlessStation> {
  const station = createStation(config, deps);
  await station.start();
  const ui = await startUiServer({ host: config.ui.host, port: config.ui.port, core: station.core, staticDir: RENDERER_DIST, log: deps.log });
  let stopping: Promise<void> | null = null;
  return {
    station,
    url: ui.url,
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
