/**
 * The station's side of the hub (`config.hub`): the socket.io link that uploads the ledger (as the outbox's `hub`
 * deliverer's uplink), reports the station's status, and runs supervisors' commands; the pause they may set; the
 * token the hub may rotate.
 */
import { join } from 'node:path';
import type { StationStatus } from '../../app/domain';
import { StationError } from '../../app/domain/errors';
import type { HubLinkStatus } from '../../app/domain/status.schema';
import { StationHandshakeSchema, type StationReport } from '../../app/hub/hub-protocol.schema';
import { pauseRefusal } from '../../app/hub/station-pause';
import type { Clock, LogSink } from '../../app/ports';
import type { StationDb } from '../../sync/db/station-db';
import { FileHubTokenStore, type HubTokenStore } from '../../sync/hub/hub-token.store';
import { StationLink, type StationLinkOptions } from '../../sync/hub/station-link';
import { StationPauseStore } from '../../sync/hub/station-pause.store';
import type { ResolvedConfig } from '../config/load-config';
import type { StationCoreService } from '../station-core';
import packageJson from '../../package.json';
import { createHubCommands } from './hub-commands';
import { buildDiagnostics } from './hub-diagnostics';
import { shiftReport } from './shift.wiring';
import type { DeadLetterChannels } from './dead-letters.wiring';

export type { HubTokenStore };

export const STATION_VERSION: string = packageJson.version;

/** Name of the file that keeps a rotated token on hosts without an OS keychain (the headless host). */
export const HUB_TOKEN_FILE = 'hub-token';

export interface HubWiringDeps {
  db: StationDb;
  clock: Clock;
  log: LogSink;
  /** Where a rotated token is kept; default `<dataDir>/hub-token` (0600). The Electron host passes its encrypted store. */
  tokens?: HubTokenStore;
  /** Link timings (tests shorten them). */
  link?: Pick<StationLinkOptions, 'ackTimeoutMs' | 'refusedRetryMs' | 'reconnectDelayMs' | 'reconnectDelayMaxMs'>;
}

/** What the link needs of the running station; dead-letter decisions are audited as coming through the hub. */
export interface RunningStation {
  core: StationCoreService;
  status: () => StationStatus;
  deadLetters: DeadLetterChannels;
}

export interface HubWiring {
  /** The outbox's `hub` deliverer sends ledger batches through it. */
  readonly link: StationLink;
  /** Why a scan is refused because a supervisor paused the station, or null. */
  refusal(scan: string, machineState: unknown): string | null;
  linkStatus(): HubLinkStatus;
  start(station: RunningStation): void;
  stop(): Promise<void>;
}

/** Null when the station reports to no hub. */
export function createHubWiring(config: ResolvedConfig, deps: HubWiringDeps): HubWiring | null {
  const hub = config.hub;
  if (hub === undefined) return null;
  const tokens = deps.tokens ?? new FileHubTokenStore(join(config.dataDir, HUB_TOKEN_FILE));
  // A token the hub rotated is newer than whatever the config or the environment still says.
  const initial = tokens.read() ?? hub.token;
  if (initial === undefined) throw new StationError('CONFIG', 'hub token missing: set hub.token or STATION_HUB_TOKEN');
  if (!StationHandshakeSchema.shape.token.safeParse(initial).success) {
    throw new StationError('CONFIG', 'hub token must be 20 to 200 characters, as the hub issues them');
  }
  let token: string = initial;
  const pause = new StationPauseStore(deps.db, deps.clock);
  let station: RunningStation | null = null;
  const startedAt = deps.clock.now();
  const shift = shiftReport(config, deps);
  const reportOf = (status: StationStatus): StationReport => {
    const figures = shift();
    return { status, paused: pause.current(), version: STATION_VERSION, ...(figures ? { shift: figures } : {}) };
  };
  const running = () => station ?? notStarted();
  const currentStatus = () => running().status();
  const onCommand = createHubCommands({
    deadLetters: () => running().deadLetters,
    pause,
    tokens,
    log: deps.log,
    diagnostics: () => buildDiagnostics({ config, version: STATION_VERSION, status: currentStatus, hubToken: () => token, startedAt, now: () => deps.clock.now() }),
    onPauseChange: () => link.report(reportOf(currentStatus())),
    onToken: (next) => {
      token = next;
    },
  });
  const link = new StationLink({
    url: hub.url,
    stationId: config.stationId,
    version: STATION_VERSION,
    token: () => token,
    clock: deps.clock,
    log: deps.log,
    statusMinIntervalMs: hub.statusMinIntervalMs,
    currentReport: () => reportOf(currentStatus()),
    onCommand,
    ...deps.link,
  });
  let unsubscribe: (() => void) | null = null;
  return {
    link,
    refusal: (scan, machineState) => pauseRefusal(pause.current(), scan, machineState),
    linkStatus: () => {
      const { connected, since, lastError } = link.state();
      return { connected, since, lastError };
    },
    start(running) {
      station = running;
      unsubscribe = running.core.subscribe('station:status', (status) => link.report(reportOf(status)));
      link.start();
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = null;
      await link.stop();
    },
  };
}

function notStarted(): never {
  throw new StationError('CONFIG', 'the station is not started');
}
