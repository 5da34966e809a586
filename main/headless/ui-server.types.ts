import type { StationCore } from '../../app/ipc/contract';
import type { LogSink } from '../../app/ports';

export type UiServerLog = LogSink;

export interface UiServerOptions {
  host: string;
  /** 0 picks any free port. */
  port: number;
  core: StationCore;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  log?: UiServerLog;
  /**
   * Binding beyond loopback exposes scan and command channels to the network. Supervisors reach other stations
   * through the hub, so this stays off unless a deployment explicitly needs it.
   */
  allowRemote?: boolean;
}

export interface UiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}
