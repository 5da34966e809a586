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
  /**
   * The bridge token; a fresh random one by default. A host that restarts only its UI server passes the one it
   * printed, so open pages reconnect; a new process always makes a new one.
   */
  token?: string;
  /**
   * `GET /metrics` in Prometheus text format; absent, the path is a 404. Open like `/api/status` (see ui.server.ts):
   * counts and timings only, no names, addresses or tokens.
   */
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

export interface UiServer {
  /** Base URL: `/api/status` and other paths hang off it. */
  url: string;
  /** The link to open in a browser: the base URL with the bridge token in its fragment. */
  openUrl: string;
  /** Required by `/ws` (as a subprotocol) and `/api/view` (as a bearer token). */
  token: string;
  port: number;
  close(): Promise<void>;
}
