import type { Socket } from 'node:net';
import { StationError } from '../../app/domain/errors';
import { EventedByteLink } from './evented-byte-link';

/** A connected TCP socket as a ByteLink (client side of a device server, or a simulator's accepted peer). */
export class SocketByteLink extends EventedByteLink {
  private lastError: Error | undefined;

  constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (chunk: Buffer) => this.events.data.emit(chunk));
    socket.on('error', (err) => {
      this.lastError = err;
    });
    socket.on('close', () => this.events.close(this.lastError ?? (this.closing ? undefined : new Error('connection closed by peer'))));
  }

  write(data: Buffer): Promise<void> {
    if (this.events.closed || this.socket.destroyed) return Promise.reject(new StationError('DEVICE', 'link is closed'));
    return new Promise((resolve, reject) => {
      this.socket.write(data, (err) => (err ? reject(new StationError('DEVICE', `write failed: ${err.message}`, { cause: err })) : resolve()));
    });
  }

  protected teardown(): void {
    // Flush what was written, then tear down without waiting for the peer's FIN: a device server that never
    // sends one must not keep stop() waiting.
    this.socket.end(() => this.socket.destroy());
  }
}
