import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import {
  BRIDGE_PROTOCOL,
  BridgeClientMessageSchema,
  BridgeServerMessageSchema,
  channels,
  pushEvents,
  type BridgeServerMessage,
  type Channel,
  type PushEvent,
  type StationCore,
} from '../../app/ipc/contract';
import type { UiServerLog } from './ui-server.types';

/** Client messages are tiny (a scan is ≤ 512 chars); anything larger is abuse, not a request. */
const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Above this many unsent bytes a client is too slow for live weight: coalesce pushes to the latest. */
const BACKPRESSURE_BYTES = 256 * 1024;
const COALESCE_RETRY_MS = 100;
const HEARTBEAT_MS = 30_000;

export interface WsBridge {
  wss: WebSocketServer;
  close(): Promise<void>;
}

export function createWsBridge(core: StationCore, log: UiServerLog): WsBridge {
  // Answer with the bridge protocol only: ws would otherwise echo the first offer, which could be the token.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    handleProtocols: (offered) => (offered.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });
  const alive = new WeakMap<WebSocket, boolean>();

  wss.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    const stopPushes = forwardPushes(core, socket, log);
    socket.on('message', (data, isBinary) => {
      answer(core, socket, data, isBinary, log).catch((err: unknown) =>
        log.error({ err: err instanceof Error ? err.message : String(err) }, 'ui bridge failed to answer'),
      );
    });
    socket.on('close', stopPushes);
    socket.on('error', (err) => log.warn({ err: err.message }, 'ui websocket error'));
  });

  // A packer's tablet that drops off Wi-Fi never sends a close frame; pings find and drop such sockets.
  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    wss,
    close: () =>
      new Promise<void>((done) => {
        clearInterval(heartbeat);
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => done());
      }),
  };
}

function send(socket: WebSocket, message: BridgeServerMessage): void {
  if (socket.readyState !== socket.OPEN) return;
  socket.send(JSON.stringify(BridgeServerMessageSchema.parse(message)));
}

function fail(socket: WebSocket, id: number, error: string): void {
  send(socket, { kind: 'result', id, ok: false, error });
}

/** Best effort to echo the caller's id even when the rest of the envelope is garbage, so it can settle its promise. */
function idOf(raw: unknown): number {
  if (typeof raw === 'object' && raw !== null && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'number' && Number.isInteger(id)) return id;
  }
  return -1;
}

/**
 * JSON has no `undefined`, and the envelope requires the `req` key, so a void request travels as `null`. Read it back
 * as `undefined` only when the channel's schema would not take `null` itself.
 */
function parseWireRequest(channel: Channel, wire: unknown) {
  const schema = channels[channel].req;
  const direct = schema.safeParse(wire);
  if (direct.success || wire !== null) return direct;
  const asVoid = schema.safeParse(undefined);
  return asVoid.success ? asVoid : direct;
}

async function answer(core: StationCore, socket: WebSocket, data: RawData, isBinary: boolean, log: UiServerLog) {
  if (isBinary) return fail(socket, -1, 'binary messages are not supported');
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch {
    return fail(socket, -1, 'message is not valid JSON');
  }
  const envelope = BridgeClientMessageSchema.safeParse(raw);
  if (!envelope.success) return fail(socket, idOf(raw), `invalid message: ${envelope.error.issues[0]?.message ?? 'unknown'}`);
  const { id, channel } = envelope.data;
  const req = parseWireRequest(channel, envelope.data.req);
  if (!req.success) return fail(socket, id, `invalid ${channel} request: ${req.error.issues[0]?.message ?? 'unknown'}`);
  try {
    const res = await core.handle(channel as Channel, req.data as never);
    // The core is ours, but a renderer fed an off-contract value fails in confusing ways; fail here, loudly, instead.
    const checked = channels[channel].res.safeParse(res);
    if (!checked.success) {
      log.error({ channel, issues: checked.error.issues.slice(0, 3) }, 'core answered outside the contract');
      return fail(socket, id, `internal error: ${channel} response did not match the contract`);
    }
    send(socket, { kind: 'result', id, ok: true, res: checked.data });
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : null;
    const message = err instanceof Error ? err.message : String(err);
    send(socket, { kind: 'result', id, ok: false, error: code ? `${code}: ${message}` : message });
  }
}

/** Subscribes once per connection; pushes are snapshots, so a slow client only needs the latest of each. */
function forwardPushes(core: StationCore, socket: WebSocket, log: UiServerLog): () => void {
  const latest = new Map<PushEvent, unknown>();
  let retry: NodeJS.Timeout | null = null;

  const flush = () => {
    retry = null;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > BACKPRESSURE_BYTES) {
      retry = setTimeout(flush, COALESCE_RETRY_MS);
      return;
    }
    for (const [event, payload] of latest) send(socket, { kind: 'event', event, payload });
    latest.clear();
  };

  const unsubscribers = (Object.keys(pushEvents) as PushEvent[]).map((event) =>
    core.subscribe(event, (payload) => {
      const checked = pushEvents[event].safeParse(payload);
      if (!checked.success) {
        log.error({ event, issues: checked.error.issues.slice(0, 3) }, 'core pushed a payload outside the contract');
        return;
      }
      latest.set(event, checked.data);
      if (retry === null) flush();
    }),
  );

  return () => {
    if (retry !== null) clearTimeout(retry);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
