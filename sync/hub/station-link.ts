import { io, type Socket } from 'socket.io-client';
import { StationError, errorMessage, isStationError } from '../../app/domain/errors';
import type { HubLinkStatus } from '../../app/domain/status.schema';
import type { LedgerUplink } from '../../app/hub/hub-link.ports';
import {
  CommandEnvelopeSchema,
  HandshakeRefusalSchema,
  HUB_EVENTS,
  HUB_PROTOCOL_VERSION,
  LedgerAckSchema,
  LedgerBatchSchema,
  STATION_EVENTS,
  STATION_NAMESPACE,
  type CommandEnvelope,
  type CommandResult,
  type HandshakeRefusal,
  type LedgerAck,
  type LedgerBatch,
  type StationHandshake,
  type StationReport,
} from '../../app/hub/hub-protocol.schema';
import type { Clock, LogSink } from '../../app/ports';
import { requireSecureUrl } from '../http/url-policy';
import { ReportGate } from './report-gate';

export interface StationLinkOptions {
  /** `hub.url`: https, or http on loopback only. */
  url: string;
  stationId: string;
  version: string;
  /** Read at every (re)connection: a token rotated by the hub is used from the next handshake on. */
  token: () => string;
  clock: Clock;
  log: LogSink;
  /** `hub.statusMinIntervalMs`. */
  statusMinIntervalMs: number;
  /** The station's report as of now: sent at once after each (re)connection. */
  currentReport: () => StationReport;
  /** Runs a supervisor's command; its result is the command's acknowledgement. */
  onCommand: (envelope: CommandEnvelope) => Promise<CommandResult>;
  /** How long the hub has to acknowledge a ledger batch. */
  ackTimeoutMs?: number;
  /** After a refused handshake (or the hub closing the link): the hub is asked again only this often. */
  refusedRetryMs?: number;
  /** socket.io's reconnection backoff (randomized by half either way). */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
}

export interface StationLinkState extends HubLinkStatus {
  /** Set while the hub refuses the station's token (TOKEN_REVOKED, TOKEN_INVALID, …); cleared by a connection. */
  refused: HandshakeRefusal | null;
}

/**
 * The station's one socket.io link to the hub (namespace `/station`): uploads ledger batches (acknowledged), reports
 * the station's status on change, and runs supervisors' commands. socket.io reconnects by itself with jittered
 * backoff after a network failure; a handshake the hub refused is not retried by socket.io, so the link asks again
 * slowly, with whatever token the station holds by then.
 */
export class StationLink implements LedgerUplink {
  private socket: Socket | null = null;
  private readonly gate: ReportGate;
  private readonly origin: string;
  private linkState: StationLinkState = { connected: false, since: null, lastError: null, refused: null };
  private retryTimer: unknown = null;

  constructor(private readonly opts: StationLinkOptions) {
    this.origin = requireSecureUrl(opts.url, 'hub.url').origin;
    this.gate = new ReportGate({
      clock: opts.clock,
      minIntervalMs: opts.statusMinIntervalMs,
      send: (report) => {
        if (this.socket?.connected) this.socket.emit(STATION_EVENTS.status, report);
      },
    });
  }

  state(): StationLinkState {
    return { ...this.linkState };
  }

  start(): void {
    if (this.socket !== null) return;
    const socket = io(`${this.origin}${STATION_NAMESPACE}`, {
      auth: (cb) => cb(this.handshake()),
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: this.opts.reconnectDelayMs ?? 1_000,
      reconnectionDelayMax: this.opts.reconnectDelayMaxMs ?? 30_000,
      randomizationFactor: 0.5,
    });
    socket.on('connect', () => this.onConnect());
    socket.on('connect_error', (error) => this.onConnectError(error));
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on(HUB_EVENTS.command, (raw: unknown, ack?: unknown) => void this.onCommand(raw, ack));
    this.socket = socket;
  }

  async stop(): Promise<void> {
    // Forgotten first: the `disconnect` event this raises must not schedule a retry.
    const socket = this.socket;
    this.socket = null;
    this.clearRetry();
    this.gate.cancel();
    socket?.disconnect();
    if (this.linkState.connected) this.linkState = { ...this.linkState, connected: false, since: this.opts.clock.now(), lastError: 'stopped' };
    return Promise.resolve();
  }

  /** The station's latest status: goes to the hub when it changed, within the rate `statusMinIntervalMs` allows. */
  report(report: StationReport): void {
    if (this.linkState.connected) this.gate.offer(report);
  }

  /** The sync engine's probe while the hub is out of reach: the link's own state, no round trip. */
  probe(): Promise<void> {
    return this.socket?.connected ? Promise.resolve() : Promise.reject(this.notConnected());
  }

  async sendLedger(batch: LedgerBatch): Promise<LedgerAck> {
    const socket = this.socket;
    if (socket === null || !socket.connected) throw this.notConnected();
    // A batch the hub's schema refuses would be refused every time: an answer, not an outage.
    const valid = LedgerBatchSchema.safeParse(batch);
    if (!valid.success) throw new StationError('REJECTED', `ledger batch not sent: ${valid.error.issues[0]?.message ?? 'invalid'}`);
    let reply: unknown;
    try {
      reply = await socket.timeout(this.opts.ackTimeoutMs ?? 10_000).emitWithAck(STATION_EVENTS.ledger, valid.data);
    } catch (cause) {
      if (isStationError(cause)) throw cause;
      // socket.io rejects with "operation has timed out", or when the link dropped with the batch unanswered.
      const timedOut = socket.connected;
      throw new StationError(timedOut ? 'TIMEOUT' : 'NETWORK', `hub did not acknowledge the ledger batch: ${errorMessage(cause)}`, { cause });
    }
    const ack = LedgerAckSchema.safeParse(reply);
    if (!ack.success) throw new StationError('INVALID_REPLY', `hub answered a ledger batch with ${JSON.stringify(reply)?.slice(0, 200)}`);
    return ack.data;
  }

  private notConnected(): StationError {
    return new StationError('NETWORK', `hub not connected${this.linkState.lastError ? `: ${this.linkState.lastError}` : ''}`);
  }

  /** Not parsed here: a throw inside socket.io's auth callback would escape it; the token is checked when it is set. */
  private handshake(): StationHandshake {
    return { stationId: this.opts.stationId, token: this.opts.token(), protocol: HUB_PROTOCOL_VERSION, version: this.opts.version };
  }

  private onConnect(): void {
    this.clearRetry();
    this.linkState = { connected: true, since: this.opts.clock.now(), lastError: null, refused: null };
    this.opts.log.info({ hub: this.origin }, 'connected to the hub');
    this.gate.sendNow(this.opts.currentReport());
  }

  private onConnectError(error: Error): void {
    const refusal = HandshakeRefusalSchema.safeParse(error.message);
    const lastError = refusal.success ? `the hub refused the station: ${refusal.data}` : `hub unreachable: ${error.message}`;
    if (lastError !== this.linkState.lastError) this.opts.log.warn({ hub: this.origin, err: error.message }, lastError);
    this.linkState = { connected: false, since: this.linkState.since, lastError, refused: refusal.success ? refusal.data : null };
    // socket.io gives up by itself only after the server's middleware refused: ask again, slowly.
    if (this.socket !== null && !this.socket.active) this.retrySlowly();
  }

  private onDisconnect(reason: string): void {
    this.gate.cancel();
    if (this.socket === null) return;
    this.linkState = { connected: false, since: this.opts.clock.now(), lastError: `link lost: ${reason}`, refused: null };
    this.opts.log.warn({ hub: this.origin, reason }, 'hub link lost');
    if (!this.socket.active) this.retrySlowly();
  }

  private retrySlowly(): void {
    this.clearRetry();
    this.retryTimer = this.opts.clock.setTimeout(() => {
      this.retryTimer = null;
      this.socket?.connect();
    }, this.opts.refusedRetryMs ?? 60_000);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.opts.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async onCommand(raw: unknown, ack: unknown): Promise<void> {
    const answer = typeof ack === 'function' ? (ack as (result: CommandResult) => void) : () => undefined;
    const envelope = CommandEnvelopeSchema.safeParse(raw);
    if (!envelope.success) {
      const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '';
      this.opts.log.warn({ id }, 'hub command refused: not a command this station knows');
      return answer({ id, ok: false, error: `invalid command: ${envelope.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    }
    try {
      answer(await this.opts.onCommand(envelope.data));
    } catch (error) {
      answer({ id: envelope.data.id, ok: false, error: errorMessage(error) });
    }
  }
}
