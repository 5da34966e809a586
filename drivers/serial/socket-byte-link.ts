import type { Socket } from 'node:net';
import type { Unsubscribe } from '../../app/ports';
import { StationError } from '../../app/domain/errors';
import type { ByteLink } from './byte-link';
import { LinkEvents } from './link-events';

/** A connected TCP socket as a ByteLink (client side of a device server, or a simulator's accepted peer). */
export class SocketByteLink implements ByteLink {
  private readonly events = new LinkEvents();
  private lastError: Error | undefined;
  private closing = false;

  constructor(private readonly socket: Socket) {
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

  onData(listener: (chunk: Buffer) => void): Unsubscribe {
    return this.events.data.add(listener);
  }

  onClose(listener: (err?: Error) => void): Unsubscribe {
    return this.events.onClose(listener);
  }

  close(): Promise<void> {
    if (this.events.closed) return Promise.resolve();
    this.closing = true;
    return new Promise((resolve) => {
      this.events.onClose(() => resolve());
      // Flush what was written, then tear down without waiting for the peer's FIN: a device server that never
      // sends one must not keep stop() waiting.
      this.socket.end(() => this.socket.destroy());
    });
  }
}
