/**
 * A printer on a serial line: a local port, a USB-serial device found by its `usb:` identity, or a serial device
 * server (`tcp://`) — whatever `openByteLink` opens. Unlike raw 9100, the line stays open between jobs (a serial
 * printer has no connection to end a job with), and it is reopened after the device went away.
 */
import { StationError, errorMessage, isStationError } from '../../app/domain';
import type { SerialLink } from '../../app/domain';
import type { Clock, Unsubscribe } from '../../app/ports';
import type { ByteLink, OpenByteLink } from '../serial/byte-link';
import { openByteLink } from '../serial/byte-link';
import type { PrinterTransport, QueryResult } from './printer-transport';

// 1 start + 8 data + 1 stop bits per byte, and slack for flow control (XOFF while the printer's buffer is full).
const BITS_PER_BYTE = 10;
const FLOW_CONTROL_SLACK = 2;

export class SerialTransport implements PrinterTransport {
  private link: ByteLink | null = null;
  private opening: Promise<ByteLink> | null = null;
  private readonly open: OpenByteLink;

  constructor(
    private readonly serial: SerialLink,
    private readonly deps: { clock: Clock; openByteLink?: OpenByteLink },
  ) {
    this.open = deps.openByteLink ?? openByteLink;
  }

  get address(): string {
    return this.serial.path;
  }

  /**
   * At 9600 baud a 100 KB graphic label takes 100 s on the wire: the caller's timeout is stretched to what the line
   * can physically carry, or every big label would "fail" while it is still printing.
   */
  async write(data: Buffer, opts: { timeoutMs: number }): Promise<void> {
    const link = await this.connect();
    const wireMs = Math.ceil(((data.length * BITS_PER_BYTE) / this.serial.baudRate) * 1000 * FLOW_CONTROL_SLACK);
    const timeoutMs = Math.max(opts.timeoutMs, wireMs);
    await new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (settle: () => void): void => {
        if (done) return;
        done = true;
        this.deps.clock.clearTimeout(timer);
        offClose();
        settle();
      };
      const timer = this.deps.clock.setTimeout(
        () => finish(() => reject(this.error(`did not take the job within ${timeoutMs} ms (flow control held?)`))),
        timeoutMs,
      );
      const offClose = link.onClose((err) => finish(() => reject(this.error('closed while sending the label', err))));
      link.write(data).then(
        () => finish(resolve),
        (e: unknown) => finish(() => reject(this.error('write failed', e))),
      );
    });
  }

  async query<T>(request: Buffer, collect: (chunk: Buffer) => T | null, timeoutMs: number): Promise<QueryResult<T>> {
    const link = await this.connect();
    return new Promise<QueryResult<T>>((resolve, reject) => {
      let done = false;
      const subscriptions: Unsubscribe[] = [];
      const finish = (settle: () => void): void => {
        if (done) return;
        done = true;
        this.deps.clock.clearTimeout(timer);
        for (const off of subscriptions) off();
        settle();
      };
      const timer = this.deps.clock.setTimeout(() => finish(() => resolve({ kind: 'timeout' })), timeoutMs);
      subscriptions.push(
        link.onData((chunk) => {
          const value = collect(chunk);
          if (value !== null) finish(() => resolve({ kind: 'answer', value }));
        }),
        link.onClose((err) => finish(() => reject(this.error('closed during the query', err)))),
      );
      link.write(request).catch((e: unknown) => finish(() => reject(this.error('write failed', e))));
    });
  }

  async close(): Promise<void> {
    const link = this.link ?? (await this.opening?.catch(() => null)) ?? null;
    this.link = null;
    await link?.close();
  }

  private connect(): Promise<ByteLink> {
    if (this.link) return Promise.resolve(this.link);
    this.opening ??= this.open(this.serial)
      .then((link) => {
        this.link = link;
        // A vanished device (unplugged, device server rebooted) is reopened by the next call.
        link.onClose(() => {
          if (this.link === link) this.link = null;
        });
        return link;
      })
      .catch((e: unknown) => {
        throw isStationError(e) ? e : this.error('could not be opened', e);
      })
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  private error(what: string, cause?: unknown): StationError {
    if (isStationError(cause)) return new StationError(cause.code, `Printer at ${this.address} ${what}: ${cause.message}`, { cause });
    const reason = cause === undefined ? '' : ` (${errorMessage(cause)})`;
    return new StationError('DEVICE', `Printer at ${this.address} ${what}${reason}`, { cause, detail: { address: this.address } });
  }
}
