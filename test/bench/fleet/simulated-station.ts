/**
 * One station on the hub link as the real station speaks it: a socket.io client on `/station` with its handshake,
 * status reports validated against `StationReportSchema` before they leave, ledger batches re-sent until the hub
 * acknowledges them, and supervisors' commands answered with a `CommandResult`. Link options as the station's
 * `StationLink` sets them (websocket only, backoff from 1 s randomized by half either way, a link the hub closed itself
 * asked again after a minute), except the backoff ceiling: socket.io's default 5 s unless the bench is told otherwise.
 */
import { io, type Socket } from 'socket.io-client';
import {
  CommandEnvelopeSchema, CommandResultSchema, HUB_EVENTS, HUB_PROTOCOL_VERSION, LedgerAckSchema, STATION_EVENTS, STATION_NAMESPACE,
  StationHandshakeSchema, StationReportSchema, type CommandResult, type StationReport,
} from '../../../app/hub/hub-protocol.schema';
import type { HubLedgerEntry } from '../../../app/hub/ledger-event.schema';
import { diagnosticsOf } from './station-diagnostics';
import { STATION_VERSION, StationDay } from './station-day';

export interface StationPace {
  /** Mean time between status changes (each one ±20 %). */
  statusEveryMs: number;
  /** Mean time between ledger batches (each one ±10 %). */
  ledgerEveryMs: number;
  /** socket.io's `reconnectionDelayMax`. */
  backoffMaxMs: number;
}

/** The station link's wait before asking again after the hub closed the link itself or refused the handshake. */
const SLOW_RETRY_MS = 60_000;

/** What the swarm counts: connections come and go, statuses leave, ledger batches come back acknowledged. */
export interface StationObserver {
  connected(stationId: string): void;
  disconnected(stationId: string, reason: string): void;
  refused(stationId: string, reason: string): void;
  /** A connection attempt failed (hub down, handshake timed out, …), with socket.io's message. */
  connectFailed(message: string): void;
  /** From the websocket being open to the hub admitting the station on `/station` (its handshake's wait). */
  admitted(ms: number): void;
  statusSent(): void;
  ledgerAcked(ms: number, ok: boolean): void;
  commandAnswered(kind: string): void;
}

const jitter = (mean: number, spread: number) => mean * (1 - spread + 2 * spread * Math.random());

export class SimulatedStation {
  private readonly day: StationDay;
  private readonly socket: Socket;
  private readonly timers = new Set<NodeJS.Timeout>();
  private pending: HubLedgerEntry[] = [];
  private uploading = false;
  private paused: StationReport['paused'] = null;
  private stopped = false;

  constructor(
    url: string,
    private readonly station: { stationId: string; token: string; index: number },
    private readonly pace: StationPace,
    private readonly observer: StationObserver,
  ) {
    this.day = new StationDay(station.stationId, station.index);
    const auth = StationHandshakeSchema.parse({ stationId: station.stationId, token: station.token, protocol: HUB_PROTOCOL_VERSION, version: STATION_VERSION });
    this.socket = io(`${url}${STATION_NAMESPACE}`, {
      auth, forceNew: true, autoConnect: false, transports: ['websocket'],
      reconnection: true, reconnectionDelay: 1_000, reconnectionDelayMax: pace.backoffMaxMs, randomizationFactor: 0.5,
    });
    let openedAt = 0;
    this.socket.io.on('open', () => (openedAt = performance.now()));
    this.socket.on('connect', () => {
      observer.admitted(performance.now() - openedAt);
      observer.connected(station.stationId);
      this.sendStatus();
      void this.upload();
    });
    this.socket.on('disconnect', (reason) => {
      observer.disconnected(station.stationId, reason);
      if (!this.socket.active) this.retrySlowly();
    });
    this.socket.on('connect_error', (error) => {
      if (this.socket.active) {
        observer.connectFailed(error.message);
        return;
      }
      observer.refused(station.stationId, error.message);
      this.retrySlowly();
    });
    this.socket.on(HUB_EVENTS.command, (raw: unknown, ack: (result: CommandResult) => void) => ack(this.answer(raw)));
  }

  start(): void {
    this.socket.connect();
    this.every(() => jitter(this.pace.statusEveryMs, 0.2), Math.random() * this.pace.statusEveryMs, () => this.sendStatus());
    this.every(() => jitter(this.pace.ledgerEveryMs, 0.1), Math.random() * this.pace.ledgerEveryMs, () => {
      this.pending.push(...this.day.nextFacts(Date.now()));
      void this.upload();
    });
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.socket.disconnect();
  }

  private retrySlowly(): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) this.socket.connect();
    }, SLOW_RETRY_MS);
    this.timers.add(timer);
  }

  private every(next: () => number, first: number, run: () => void): void {
    const schedule = (delay: number) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.stopped) return;
        run();
        schedule(next());
      }, delay);
      this.timers.add(timer);
    };
    schedule(first);
  }

  /** The next status change, stamped with the time it leaves (the fleet view's latency is measured from it). */
  private sendStatus(): void {
    if (!this.socket.connected) return;
    const report = StationReportSchema.parse({ status: this.day.nextStatus(Date.now()), paused: this.paused, version: STATION_VERSION });
    this.socket.emit(STATION_EVENTS.status, report);
    this.observer.statusSent();
  }

  private async upload(): Promise<void> {
    if (this.uploading || this.pending.length === 0 || !this.socket.connected) return;
    this.uploading = true;
    const entries = this.pending.slice(0, 500);
    const started = performance.now();
    try {
      const ack = LedgerAckSchema.parse(await this.socket.timeout(15_000).emitWithAck(STATION_EVENTS.ledger, { entries }));
      this.observer.ledgerAcked(performance.now() - started, ack.ok);
      if (ack.ok) this.pending = this.pending.filter((e) => e.seq > ack.highestSeq);
    } catch {
      this.observer.ledgerAcked(performance.now() - started, false);
    } finally {
      this.uploading = false;
    }
  }

  private answer(raw: unknown): CommandResult {
    const parsed = CommandEnvelopeSchema.safeParse(raw);
    if (!parsed.success) return CommandResultSchema.parse({ id: '', ok: false, error: `not a command: ${parsed.error.message}` });
    const { id, by, reason, command } = parsed.data;
    this.observer.commandAnswered(command.kind);
    const ok = (detail?: unknown) => CommandResultSchema.parse({ id, ok: true, detail });
    switch (command.kind) {
      case 'diagnostics':
        return ok(diagnosticsOf(this.station.stationId, this.day.nextStatus(Date.now())));
      case 'station.pause':
        this.paused = { by, reason: command.reason ?? reason ?? '', at: Date.now() };
        this.sendStatus();
        return ok();
      case 'station.resume':
        this.paused = null;
        this.sendStatus();
        return ok();
      case 'dead-letters.replay':
        return ok({ replayed: [] });
      case 'dead-letters.discard':
        return CommandResultSchema.parse({ id, ok: false, error: `dead letter ${command.id} not found` });
      case 'token.rotate':
        return ok({ kept: true });
    }
  }
}
