/**
 * An ESC/POS receipt/slip printer on raw TCP, for tests and the demo: stores each connection's bytes as one job and
 * answers DLE EOT 1–4 with a configurable status, as Epson-compatible printers do in real time (even mid-job).
 */
import type { Socket } from 'node:net';
import { encodeDleEot } from '../printers/escpos-status';
import type { EscPosStatus } from '../printers/escpos-status';
import { TcpSimServer } from './tcp-server.sim';
import { ListenerSet } from '../../app/events/listener-set';

const DLE = 0x10;
const EOT = 0x04;

export class EscPosPrinterSimulator {
  private readonly server = new TcpSimServer((socket) => this.accept(socket));
  private readonly received: Buffer[] = [];
  private readonly jobListeners = new ListenerSet<Buffer>();
  private state: Partial<EscPosStatus> = {};
  private noAnswer = false;

  listen(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    return this.server.listen(port, host);
  }

  /** The printable bytes of every job (one per connection that sent any), status requests removed. */
  jobs(): Buffer[] {
    return this.received.map((b) => Buffer.from(b));
  }

  onJob(listener: (bytes: Buffer) => void): () => void {
    return this.jobListeners.add(listener);
  }

  /** What DLE EOT reports from now on (paper end, cover open, …); `{}` is a ready printer. */
  setStatus(state: Partial<EscPosStatus>): void {
    this.state = { ...state };
  }

  /** A printer (or print server) that never answers DLE EOT. */
  setNoAnswer(on: boolean): void {
    this.noAnswer = on;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private accept(socket: Socket): void {
    const job: number[] = [];
    // Up to two bytes of a DLE EOT split across chunks.
    let carry: number[] = [];
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      const bytes = [...carry, ...chunk];
      carry = [];
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i] ?? 0;
        if (b === DLE && i + 2 >= bytes.length && bytes.slice(i + 1).every((x) => x === EOT)) {
          carry = bytes.slice(i);
          break;
        }
        const n = bytes[i + 2] ?? 0;
        if (b === DLE && bytes[i + 1] === EOT && n >= 1 && n <= 4) {
          if (!this.noAnswer && !socket.destroyed) socket.write(Buffer.from([encodeDleEot(n as 1 | 2 | 3 | 4, this.state)]));
          i += 2;
          continue;
        }
        job.push(b);
      }
    });
    socket.on('close', () => {
      // A trailing DLE that never became a status request was data after all.
      job.push(...carry);
      if (job.length === 0) return;
      const bytes = Buffer.from(job);
      this.received.push(bytes);
      this.jobListeners.emit(bytes);
    });
  }
}
