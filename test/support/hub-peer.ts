/**
 * A minimal hub on a real socket.io server (127.0.0.1): the `/station` namespace with the protocol's handshake check
 * (a schema-valid handshake and a token it issued, else a HandshakeRefusal), status reports and ledger batches
 * recorded as received, and commands sent to a station through the acknowledgement, as the real hub does.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Namespace, type Socket } from 'socket.io';
import {
  CommandResultSchema,
  HUB_EVENTS,
  LedgerBatchSchema,
  STATION_EVENTS,
  STATION_NAMESPACE,
  StationHandshakeSchema,
  StationReportSchema,
  type CommandEnvelope,
  type CommandResult,
  type HandshakeRefusal,
  type LedgerAck,
  type LedgerBatch,
  type StationHandshake,
  type StationReport,
} from '../../app/hub/hub-protocol.schema';

export class HubPeer {
  /** Every handshake that was schema-valid, accepted or refused. */
  readonly handshakes: { handshake: StationHandshake; refused: HandshakeRefusal | null }[] = [];
  readonly reports: { receivedAt: number; report: StationReport }[] = [];
  readonly batches: LedgerBatch[] = [];
  /** Issued tokens by station; a revoked token is refused with TOKEN_REVOKED, an unknown one with TOKEN_INVALID. */
  readonly tokens = new Map<string, string>();
  readonly revoked = new Set<string>();
  /** When false, ledger batches are recorded but never acknowledged (a hub that hangs). */
  ackLedger = true;
  private readonly sockets = new Map<string, Socket>();

  private constructor(
    private readonly http: HttpServer,
    private readonly io: Server,
    readonly url: string,
  ) {
    this.wire(io.of(STATION_NAMESPACE));
  }

  /** `port`: 0 for a free one, or the port of a hub that was closed (the same hub back after an outage). */
  static async start(port = 0): Promise<HubPeer> {
    const http = createServer();
    const io = new Server(http, { transports: ['websocket'] });
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    return new HubPeer(http, io, `http://127.0.0.1:${(http.address() as AddressInfo).port}`);
  }

  connected(stationId: string): boolean {
    return this.sockets.get(stationId)?.connected ?? false;
  }

  reportsOf(stationId: string): StationReport[] {
    return this.reports.filter((r) => r.report.status.stationId === stationId).map((r) => r.report);
  }

  /** Sends a command to a connected station and returns its acknowledged result. */
  async command(stationId: string, envelope: CommandEnvelope, timeoutMs = 10_000): Promise<CommandResult> {
    const socket = this.sockets.get(stationId);
    if (socket === undefined) throw new Error(`${stationId} is not connected`);
    return CommandResultSchema.parse(await socket.timeout(timeoutMs).emitWithAck(HUB_EVENTS.command, envelope));
  }

  /** Closes the station's connection under it, as a network cut would (the station reconnects by itself). */
  cut(stationId: string): void {
    this.sockets.get(stationId)?.conn.close();
  }

  async close(): Promise<void> {
    await this.io.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private wire(nsp: Namespace): void {
    nsp.use((socket, next) => {
      const parsed = StationHandshakeSchema.safeParse(socket.handshake.auth);
      if (!parsed.success) return next(new Error('BAD_HANDSHAKE' satisfies HandshakeRefusal));
      const { stationId, token } = parsed.data;
      const refused: HandshakeRefusal | null = this.revoked.has(token) ? 'TOKEN_REVOKED' : this.tokens.get(stationId) === token ? null : 'TOKEN_INVALID';
      this.handshakes.push({ handshake: parsed.data, refused });
      return next(refused === null ? undefined : new Error(refused));
    });
    nsp.on('connection', (socket) => {
      const { stationId } = StationHandshakeSchema.parse(socket.handshake.auth);
      this.sockets.set(stationId, socket);
      socket.on(STATION_EVENTS.status, (raw: unknown) => this.reports.push({ receivedAt: Date.now(), report: StationReportSchema.parse(raw) }));
      socket.on(STATION_EVENTS.ledger, (raw: unknown, ack: (answer: LedgerAck) => void) => {
        const batch = LedgerBatchSchema.parse(raw);
        this.batches.push(batch);
        if (this.ackLedger) ack({ ok: true, stored: batch.entries.length, highestSeq: Math.max(...batch.entries.map((e) => e.seq)) });
      });
    });
  }
}
