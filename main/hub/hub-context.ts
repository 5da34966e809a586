import type { Server } from 'socket.io';
import type { Clock } from '../../app/ports';
import type { HubStore } from '../../app/hub/hub.ports';
import type { StationReport } from '../../app/hub/hub-protocol.schema';
import type { HubLedgerEntry } from '../../app/hub/ledger-event.schema';
import type { Log } from '../log';
import type { FleetView } from './fleet-view';
import type { ResolvedHubConfig } from './hub-config';

/** What every part of one hub process shares: its name, its store, its socket.io server, its view of the fleet. */
export interface HubContext {
  hubId: string;
  config: ResolvedHubConfig;
  store: HubStore;
  io: Server;
  fleet: FleetView;
  clock: Clock;
  log: Log;
  /** A station's report lists its own exceptions: kept in the fleet's queues in the background. */
  stationExceptions?: (stationId: string, report: StationReport) => void;
  /** Ledger facts newly stored for a station (labels bought become tracked shipments). */
  ledgerStored?: (stationId: string, entries: readonly HubLedgerEntry[]) => Promise<void>;
}

/** The room every socket of one station joins (on whichever hub): commands and revocations go there. */
export const stationRoom = (stationId: string): string => `station:${stationId}`;
