/**
 * A printer behind a device file: `/dev/usb/lp0` (Linux usblp), a parallel port, or any character device or FIFO.
 *
 * Writes use a blocking write: usblp blocks while the printer's buffer is full, which is the flow control we want.
 * Replies: usblp returns what a bidirectional printer (Zebra USB) sends back, so queries open the device read-write and
 * NON-blocking and poll for the reply: a blocking read of a silent printer would hold one of libuv's four threadpool
 * threads forever, since a pending fs read cannot be cancelled. A regular file (a capture in tests or a spool
 * directory) or a device that refuses reads (unidirectional printers: EINVAL) has no replies: `unsupported`.
 */
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { StationError } from '../../app/domain';
import type { Clock } from '../../app/ports';
import { errnoCode } from '../serial/errno-code';
import type { PrinterTransport, QueryResult } from './printer-transport';

export interface DeviceFileOptions {
  /** How often a query looks for the reply. */
  pollMs?: number;
}

// Read errors that mean "this device does not talk back", as opposed to "the printer is silent right now".
const NO_READBACK = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EBADF', 'EISDIR']);

const HINTS: Readonly<Record<string, string>> = {
  ENOENT: 'not found: is the printer plugged in and switched on?',
  ENXIO: 'has no device behind it: is the printer switched on?',
  ENODEV: 'has no device behind it: is the printer switched on?',
  EACCES: 'permission denied: add the station user to the "lp" group',
  EPERM: 'permission denied: add the station user to the "lp" group',
  EBUSY: 'is in use by another program (CUPS?)',
  EIO: 'input/output error: the printer went away',
};

export class DeviceFileTransport implements PrinterTransport {
  private readonly handles = new Set<FileHandle>();
  private readonly pollMs: number;
  /** Bumped by close(): polling loops of an older generation stop. */
  private generation = 0;

  constructor(
    private readonly path: string,
    private readonly deps: { clock: Clock },
    opts: DeviceFileOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 20;
  }

  get address(): string {
    return this.path;
  }

  async write(data: Buffer, opts: { timeoutMs: number }): Promise<void> {
    // No O_CREAT: a missing /dev/usb/lp0 must fail, not quietly become a regular file that prints nothing.
    const handle = await this.openHandle(constants.O_WRONLY | constants.O_APPEND);
    try {
      await this.withTimeout(handle.write(data, 0, data.length, null), opts.timeoutMs, 'did not take the job');
    } catch (e) {
      throw this.error('write failed', e);
    } finally {
      // Not awaited: FileHandle.close() waits for a write still blocked in the device, the very case a timeout is for.
      void this.release(handle);
    }
  }

  async query<T>(request: Buffer, collect: (chunk: Buffer) => T | null, timeoutMs: number): Promise<QueryResult<T>> {
    const handle = await this.openHandle(constants.O_RDWR | constants.O_NONBLOCK);
    const generation = this.generation;
    try {
      // A regular file cannot answer, and writing the query into it would only corrupt the capture.
      if ((await handle.stat()).isFile()) return { kind: 'unsupported' };
      await handle.write(request, 0, request.length, null);
      const deadline = this.deps.clock.now() + timeoutMs;
      const buffer = Buffer.alloc(4096);
      for (;;) {
        if (generation !== this.generation) throw this.error('closed during the query');
        const read = await this.readSome(handle, buffer);
        if (read === 'unsupported') return { kind: 'unsupported' };
        if (read > 0) {
          const value = collect(Buffer.from(buffer.subarray(0, read)));
          if (value !== null) return { kind: 'answer', value };
          continue;
        }
        if (this.deps.clock.now() >= deadline) return { kind: 'timeout' };
        await this.sleep(Math.min(this.pollMs, Math.max(1, deadline - this.deps.clock.now())));
      }
    } catch (e) {
      throw e instanceof StationError ? e : this.error('query failed', e);
    } finally {
      await this.release(handle);
    }
  }

  async close(): Promise<void> {
    this.generation += 1;
    const handles = [...this.handles];
    this.handles.clear();
    await Promise.all(handles.map((h) => h.close().catch(() => undefined)));
  }

  /** Bytes read (0 = nothing yet), or `unsupported` when the device refuses reads. */
  private async readSome(handle: FileHandle, buffer: Buffer): Promise<number | 'unsupported'> {
    try {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      return bytesRead;
    } catch (e) {
      const code = errnoCode(e);
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return 0;
      if (code !== undefined && NO_READBACK.has(code)) return 'unsupported';
      throw this.error('read failed', e);
    }
  }

  private async openHandle(flags: number): Promise<FileHandle> {
    try {
      const handle = await open(this.path, flags);
      this.handles.add(handle);
      return handle;
    } catch (e) {
      throw this.error('could not be opened', e);
    }
  }

  private async release(handle: FileHandle): Promise<void> {
    if (!this.handles.delete(handle)) return;
    await handle.close().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.deps.clock.setTimeout(resolve, ms));
  }

  private withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.deps.clock.setTimeout(() => reject(this.error(`${what} within ${ms} ms`)), ms);
      work.then(
        (value) => {
          this.deps.clock.clearTimeout(timer);
          resolve(value);
        },
        (e: unknown) => {
          this.deps.clock.clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  private error(what: string, cause?: unknown): StationError {
    if (cause instanceof StationError) return cause;
    const code = errnoCode(cause);
    const hint = code ? (HINTS[code] ?? code) : undefined;
    return new StationError('DEVICE', `Printer at ${this.path} ${what}${hint ? `: ${hint}` : ''}`, {
      cause,
      detail: { address: this.path, errno: code },
    });
  }
}
