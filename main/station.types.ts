import type { Logger } from 'pino';
import type { Actor } from 'xstate';
import type { Clock, Ids, LabelPrinter, PrintSpooler, Scale, Scanner } from '../app/ports';
import type { StationStatus } from '../app/domain';
import type { LedgerUplink } from '../app/hub/hub-link.ports';
import type { packingMachine } from '../app/packing/packing.machine';
import type { SyncEngine } from '../sync/engine/sync.engine';
import type { StationCoreService } from './station-core';
import type { PrintingDeps } from './wiring/printing.wiring';
import type { StationMetrics } from './metrics/station-metrics';
import type { HubTokenStore } from './wiring/hub.wiring';

/** What a host may give `createStation` (bootstrap.ts) and what it gets back. */
export interface StationDeps {
  clock?: Clock;
  ids?: Ids;
  log?: Logger;
  /** Print spooler timing; tests and the demo poll the printer faster. */
  printPolicy?: PrintingDeps['policy'];
  /** Where a token the hub rotates is kept (the Electron host: its encrypted secrets); default `<dataDir>/hub-token`. */
  hubTokens?: HubTokenStore;
  /** The link to the hub (`config.hub`): the ledger facts queued for it are delivered through it. */
  hubUplink?: LedgerUplink;
}

export interface Station {
  readonly core: StationCoreService;
  readonly actor: Actor<typeof packingMachine>;
  readonly sync: SyncEngine;
  readonly spooler: PrintSpooler;
  /** Served as `GET /metrics` by the headless host. */
  readonly metrics: StationMetrics;
  readonly devices: { scale: Scale; scanner: Scanner; labelPrinter: LabelPrinter };
  status(): StationStatus;
  start(): Promise<void>;
  stop(): Promise<void>;
}

