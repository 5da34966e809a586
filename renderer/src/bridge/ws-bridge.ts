import {
  BRIDGE_PROTOCOL,
  BRIDGE_TOKEN_PROTOCOL_PREFIX,
  BridgeServerMessageSchema,
  channels,
  parseResponse,
  pushEvents,
  type BridgeClientMessage,
  type Channel,
  type ChannelReq,
  type ChannelRes,
  type PushEvent,
  type PushPayload,
  type StationApi,
} from '../../../app/ipc/contract';

export type LinkState = 'connecting' | 'open' | 'closed';

/** A StationApi whose transport can drop; the UI shows the link state so a packer never scans into the void. */
export interface StationLink extends StationApi {
  readonly link: LinkState;
  /** This page was opened without the station's token (not from the link it printed): the host will refuse it. */
  readonly tokenMissing?: boolean;
  onLink(listener: (state: LinkState) => void): () => void;
  close(): void;
}

export interface WsBridgeOptions {
  url: string;
  /** The per-start bridge token from the link the station printed; without it the host refuses the socket. */
  token: string | null;
  /** Label purchase answers within seconds; anything slower is a hung core, not a slow one. */
  requestTimeoutMs?: number;
  /** How long an invoke made while reconnecting waits for the socket before failing. */
  connectWaitMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

interface Pending {
  channel: Channel;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

type AnyListener = (payload: unknown) => void;

export function createWsBridge(opts: WsBridgeOptions): StationLink {
  const requestTimeoutMs = opts.requestTimeoutMs ?? 15_000;
  const connectWaitMs = opts.connectWaitMs ?? 5_000;
  const backoffInitialMs = opts.backoffInitialMs ?? 250;
  const backoffMaxMs = opts.backoffMaxMs ?? 5_000;

  let socket: WebSocket | null = null;
  let link: LinkState = 'connecting';
  let attempt = 0;
  let nextId = 1;
  let closedByUser = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<number, Pending>();
  const listeners = new Map<PushEvent, Set<AnyListener>>();
  const linkListeners = new Set<(state: LinkState) => void>();

  const setLink = (state: LinkState) => {
    if (state === link) return;
    link = state;
    for (const listener of linkListeners) listener(state);
  };

  const failAll = (reason: string) => {
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      entry.reject(new Error(reason));
      pending.delete(id);
    }
  };

  const scheduleReconnect = () => {
    if (closedByUser || reconnectTimer !== null) return;
    // Full jitter keeps a room of tablets from reconnecting in lockstep after the host restarts.
    const ceiling = Math.min(backoffMaxMs, backoffInitialMs * 2 ** attempt);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, ceiling / 2 + Math.random() * (ceiling / 2));
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = BridgeServerMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.kind === 'event') {
      const payload = pushEvents[message.event].safeParse(message.payload);
      if (!payload.success) return;
      for (const listener of listeners.get(message.event) ?? []) {
        try {
          listener(payload.data);
        } catch (err) {
          console.error('station push listener failed', err);
        }
      }
      return;
    }
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    clearTimeout(entry.timer);
    if (!message.ok) return entry.reject(new Error(message.error));
    try {
      entry.resolve(parseResponse(entry.channel, message.res));
    } catch {
      entry.reject(new Error(`station answered ${entry.channel} outside the contract`));
    }
  };

  function connect() {
    setLink('connecting');
    const ws = new WebSocket(opts.url, opts.token ? [BRIDGE_PROTOCOL, `${BRIDGE_TOKEN_PROTOCOL_PREFIX}${opts.token}`] : [BRIDGE_PROTOCOL]);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setLink('open');
    };
    ws.onmessage = (event) => onMessage(event.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failAll('connection to the station was lost');
      setLink('closed');
      scheduleReconnect();
    };
  }

  const whenOpen = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      if (socket && link === 'open') return resolve(socket);
      const timer = setTimeout(() => {
        stop();
        reject(new Error('not connected to the station'));
      }, connectWaitMs);
      const stop = onLink((state) => {
        if (state !== 'open' || !socket) return;
        clearTimeout(timer);
        stop();
        resolve(socket);
      });
    });

  function onLink(listener: (state: LinkState) => void): () => void {
    linkListeners.add(listener);
    return () => linkListeners.delete(listener);
  }

  async function invoke<C extends Channel>(channel: C, req: ChannelReq<C>): Promise<ChannelRes<C>> {
    const checkedReq = channels[channel].req.parse(req);
    const ws = await whenOpen();
    const id = nextId++;
    // JSON drops `undefined` but the envelope requires `req`: void requests travel as null (the server maps it back).
    const message: BridgeClientMessage = { kind: 'invoke', id, channel, req: checkedReq === undefined ? null : checkedReq };
    return new Promise<ChannelRes<C>>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`station did not answer ${channel} in time`));
      }, requestTimeoutMs);
      pending.set(id, { channel, resolve: resolve as (value: unknown) => void, reject, timer });
      ws.send(JSON.stringify(message));
    });
  }

  function on<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void): () => void {
    const set = listeners.get(event) ?? new Set<AnyListener>();
    listeners.set(event, set);
    set.add(listener as AnyListener);
    return () => set.delete(listener as AnyListener);
  }

  connect();

  return {
    get link() {
      return link;
    },
    tokenMissing: opts.token === null,
    invoke,
    on,
    onLink,
    close() {
      closedByUser = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      failAll('station connection closed');
      socket?.close();
      socket = null;
      setLink('closed');
    },
  };
}
