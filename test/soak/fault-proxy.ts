/**
 * An HTTP proxy on 127.0.0.1 between the station and a sandbox that injects the faults of a bad network and a busy
 * server, seeded so a run can be repeated:
 * - `refused`: the connection is dropped the moment it is accepted (what the client sees as a refused/reset connect);
 * - `reset`: the request is read, then the socket is destroyed before anything is forwarded (nothing applied);
 * - `lost-reply`: the request is forwarded and the server APPLIES it, then the reply is dropped on the way back;
 * - `http500`, `http502`, `http503`: answered by the proxy, nothing forwarded;
 * - `http429`: answered with Retry-After, nothing forwarded;
 * - `slow`: forwarded and applied, the reply held past the client's timeout, then dropped.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULT_KINDS = ['refused', 'reset', 'lost-reply', 'http500', 'http502', 'http503', 'http429', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultProxyOptions {
  target: string;
  /** Chance in [0, 1] that a request meets a fault while faults are on. */
  rate: number;
  /** Deterministic randomness: mulberry32 over this seed. */
  seed: number;
  /** How long a `slow` reply is held (longer than the station's timeout). */
  slowMs: number;
  kinds?: readonly FaultKind[];
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly random: () => number;
  private readonly target: URL;
  private readonly kinds: readonly FaultKind[];
  private readonly counts = new Map<FaultKind, number>();
  private forwarded = 0;
  /** Faults are injected only while this is on (the final drain runs clean). */
  active = true;
  /**
   * Told of each request as it arrives (before it is forwarded or faulted; the request waits for what it returns)
   * and of each reply once it was handed to the station: the soak's targeted kills hang on these moments.
   */
  onExchange: ((phase: 'request' | 'reply', req: { method: string; path: string; body: string }) => void | Promise<void>) | null = null;

  constructor(private readonly opts: FaultProxyOptions) {
    this.random = seededRandom(opts.seed);
    this.target = new URL(opts.target);
    this.kinds = opts.kinds ?? FAULT_KINDS;
  }

  async listen(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      if (this.draw() === 'refused') {
        this.count('refused');
        socket.destroy();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${this.target.pathname.replace(/\/$/, '')}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  faults(): Record<FaultKind, number> {
    return Object.fromEntries(FAULT_KINDS.map((k) => [k, this.counts.get(k) ?? 0])) as Record<FaultKind, number>;
  }

  get requestsForwarded(): number {
    return this.forwarded;
  }

  /** One draw per connection or request: a fault kind, or null for a clean pass. */
  private draw(): FaultKind | 'pass' {
    if (!this.active || this.random() >= this.opts.rate) return 'pass';
    return this.kinds[Math.floor(this.random() * this.kinds.length)] ?? 'pass';
  }

  private count(kind: FaultKind): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const exchange = { method: req.method ?? 'GET', path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') };
      await this.onExchange?.('request', exchange);
      let fault = this.draw();
      if (fault === 'refused') fault = 'reset';
      if (fault !== 'pass') this.count(fault);
      const body = Buffer.concat(chunks);
      switch (fault) {
        case 'reset':
          return void req.socket.destroy();
        case 'http500':
        case 'http502':
        case 'http503':
          return void res.writeHead(Number(fault.slice(4)), { 'content-type': 'text/html' }).end('<html>proxy error</html>');
        case 'http429':
          return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":{"code":"RATE_LIMITED","message":"slow down"}}');
        default:
          return this.forward(req, res, body, fault, exchange);
      }
    });
  }

  private forward(req: IncomingMessage, res: ServerResponse, body: Buffer, fault: 'pass' | 'lost-reply' | 'slow', exchange: { method: string; path: string; body: string }): void {
    this.forwarded += 1;
    const upstream = request(
      { host: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers: { ...req.headers, host: this.target.host } },
      (reply) => {
        const parts: Buffer[] = [];
        reply.on('data', (c: Buffer) => parts.push(c));
        reply.on('end', () => {
          // The server applied the request and answered: the station never hears it.
          if (fault === 'lost-reply') return void req.socket.destroy();
          if (fault === 'slow') return void setTimeout(() => req.socket.destroy(), this.opts.slowMs).unref();
          res.writeHead(reply.statusCode ?? 502, reply.headers).end(Buffer.concat(parts), () => void this.onExchange?.('reply', exchange));
        });
      },
    );
    upstream.on('error', () => req.socket.destroy());
    upstream.end(body);
  }
}
