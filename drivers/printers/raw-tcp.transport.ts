/**
 * Raw TCP (port 9100) as a Zebra uses it: one short-lived connection per job or query. The transport knows nothing
 * of ZPL; callers hand it bytes and a reply collector. Every failure to reach the printer is StationError('NETWORK').
 */
import net from 'node:net';
import type { Socket } from 'node:net';
import { StationError } from '../../app/domain';
import type { Clock } from '../../app/ports';
import { errnoCode } from '../serial/errno-code';
import { matchTcpAddress, type TcpTarget } from '../serial/tcp-address';
import type { PrinterTransport, QueryResult } from './printer-transport';

export function parseTcpUrl(url: string): TcpTarget {
  const target = matchTcpAddress(url);
  if (!target) throw new StationError('CONFIG', `Invalid printer url ${JSON.stringify(url)}: expected tcp://host:port (port 1-65535)`);
  return target;
}

export interface RawTcpOptions {
  connectTimeoutMs: number;
  /** After our FIN, how long we wait for the printer to close its side before calling the job delivered anyway. */
  lingerMs?: number;
}

export class RawTcpTransport implements PrinterTransport {
  private readonly sockets = new Set<Socket>();
  private readonly lingerMs: number;

  constructor(
    private readonly target: TcpTarget,
    private readonly opts: RawTcpOptions,
    private readonly clock: Clock,
  ) {
    this.lingerMs = opts.lingerMs ?? 1000;
  }

  get address(): string {
    return `${this.target.host}:${this.target.port}`;
  }

  /**
   * Sends `request` and feeds every reply chunk to `collect` until it returns non-null. A silent printer is an
   * answer too (`timeout`): a Zebra says nothing to ~HS while it needs the operator.
   */
  async query<T>(request: Buffer | string, collect: (chunk: Buffer) => T | null, timeoutMs: number): Promise<QueryResult<T>> {
    const socket = await this.open();
    return new Promise<QueryResult<T>>((resolve, reject) => {
      let done = false;
      const finish = (settle: () => void): void => {
        if (done) return;
        done = true;
        this.clock.clearTimeout(timer);
        socket.destroy();
        settle();
      };
      const timer = this.clock.setTimeout(() => finish(() => resolve({ kind: 'timeout' })), timeoutMs);
      socket.on('data', (chunk: Buffer) => {
        const value = collect(chunk);
        if (value !== null) finish(() => resolve({ kind: 'answer', value }));
      });
      socket.on('error', (e) => finish(() => reject(this.networkError('connection failed during the query', e))));
      socket.on('close', () => finish(() => reject(this.networkError('closed the connection before answering'))));
      socket.write(request);
    });
  }

  /**
   * Resolves once every byte was handed to the network and our side ended cleanly; then waits up to `lingerMs`
   * for the printer to close, so a reset while it drains the job still fails the print.
   */
  async write(payload: Buffer | string, opts: { timeoutMs: number }): Promise<void> {
    const socket = await this.open();
    return new Promise<void>((resolve, reject) => {
      let done = false;
      let flushed = false;
      let linger: unknown = null;
      const finish = (error?: StationError): void => {
        if (done) return;
        done = true;
        this.clock.clearTimeout(deadline);
        if (linger !== null) this.clock.clearTimeout(linger);
        socket.destroy();
        if (error) reject(error);
        else resolve();
      };
      const deadline = this.clock.setTimeout(
        () => finish(this.networkError(`did not take the job within ${opts.timeoutMs} ms`)),
        opts.timeoutMs,
      );
      // Printers rarely talk back on a job connection; reading keeps the socket flowing so 'close' can arrive.
      socket.on('data', () => undefined);
      socket.on('error', (e) => finish(this.networkError('connection failed while sending the label', e)));
      socket.on('close', () => finish(flushed ? undefined : this.networkError('closed the connection before the label was sent')));
      socket.write(payload, (e) => {
        if (e) return finish(this.networkError('write failed', e));
        socket.end(() => {
          flushed = true;
          linger = this.clock.setTimeout(() => finish(), this.lingerMs);
        });
      });
    });
  }

  /** Ends every open connection; in-flight calls reject with NETWORK. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private open(): Promise<Socket> {
    return new Promise<Socket>((resolve, reject) => {
      const socket = net.createConnection({ host: this.target.host, port: this.target.port });
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      let settled = false;
      const fail = (error: StationError): void => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = this.clock.setTimeout(
        () => fail(this.networkError(`did not accept a connection within ${this.opts.connectTimeoutMs} ms`)),
        this.opts.connectTimeoutMs,
      );
      // `on`, not `once`: the listener stays as a guard until the caller attaches its own.
      socket.on('error', (e) => fail(this.networkError('could not be reached', e)));
      socket.once('close', () => fail(this.networkError('connection closed while connecting')));
      socket.once('connect', () => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        resolve(socket);
      });
    });
  }

  private networkError(what: string, cause?: unknown): StationError {
    const code = errnoCode(cause);
    return new StationError('NETWORK', `Printer at ${this.address} ${what}${code ? ` (${code})` : ''}`, {
      cause,
      detail: { address: this.address, errno: code },
    });
  }
}
