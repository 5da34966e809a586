/** A hub on loopback and the real socket.io clients that talk to it: stations and fleet views. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { FLEET_EVENTS, FleetStationSchema, type FleetStation } from '../../app/hub/fleet.schema';
import { HUB_PROTOCOL_VERSION } from '../../app/hub/hub-protocol.schema';
import { resolveHubConfig } from '../../main/hub/hub-config';
import { startHub, type RunningHub } from '../../main/hub/hub.host';
import { silentLog } from '../../main/log';

export interface TestHub extends RunningHub {
  dataDir: string;
}

/** A hub on 127.0.0.1 with its own data dir (PGlite unless `config.database` says otherwise) and a tiny fleet view. */
export async function startTestHub(config: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-'));
  const staticDir = join(dataDir, 'dist');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'fleet.html'), '<!doctype html><title>Fleet</title><script type="module" src="/assets/fleet.js"></script>');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Station</title>');
  writeFileSync(join(staticDir, 'assets', 'fleet.js'), 'export {};');
  const resolved = resolveHubConfig({ dataDir, listen: { port: 0 }, ...config }, dataDir, env);
  const hub = await startHub(resolved, { log: silentLog(), env, staticDir });
  return {
    ...hub,
    dataDir,
    stop: async () => {
      await hub.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function stationSocket(hubUrl: string, stationId: string, token: string): Socket {
  return io(`${hubUrl}/station`, {
    auth: { stationId, token, protocol: HUB_PROTOCOL_VERSION, version: '1.4.0' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves once connected; rejects with the hub's refusal (`TOKEN_REVOKED`, …) as the message. */
export function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

export function refusal(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, expected a refusal')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

export function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** A fleet view's HTTP session: logs in, then sends its cookie with every call. */
export class FleetClient {
  cookie = '';
  constructor(readonly hubUrl: string) {}

  async login(username: string, password: string): Promise<Response> {
    const res = await this.call('POST', '/api/login', { username, password });
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return res;
  }

  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.hubUrl}${path}`, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** The `/fleet` socket with this session's cookie; rows it receives land in `rows` (latest per station). */
  socket(): { socket: Socket; rows: Map<string, FleetStation>; next(pred: (row: FleetStation) => boolean): Promise<FleetStation> } {
    const socket = io(`${this.hubUrl}/fleet`, { transports: ['websocket'], extraHeaders: { cookie: this.cookie }, reconnection: false, forceNew: true });
    const rows = new Map<string, FleetStation>();
    const waiters: { pred: (row: FleetStation) => boolean; resolve: (row: FleetStation) => void }[] = [];
    socket.on(FLEET_EVENTS.station, (raw: unknown) => {
      const row = FleetStationSchema.parse(raw);
      rows.set(row.stationId, row);
      for (const w of waiters.splice(0)) {
        if (w.pred(row)) w.resolve(row);
        else waiters.push(w);
      }
    });
    return { socket, rows, next: (pred) => new Promise((resolve) => waiters.push({ pred, resolve })) };
  }
}
