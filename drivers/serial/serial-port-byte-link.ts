import type { SerialPort } from 'serialport';
import { StationError } from '../../app/domain/errors';
import { EventedByteLink } from './evented-byte-link';

/** An open `serialport` port as a ByteLink. */
export class SerialPortByteLink extends EventedByteLink {

  constructor(private readonly port: SerialPort) {
    super();
    port.on('data', (chunk: Buffer) => this.events.data.emit(chunk));
    // serialport reports an unplugged device (or a PTY whose other end went away) as an error then a close.
    port.on('error', (err: Error) => {
      if (!port.isOpen) this.events.close(err);
    });
    port.on('close', (err?: Error | null) => {
      this.events.close(err ?? (this.closing ? undefined : new Error('port closed')));
    });
  }

  write(data: Buffer): Promise<void> {
    if (this.events.closed || !this.port.isOpen) return Promise.reject(new StationError('DEVICE', 'link is closed'));
    return new Promise((resolve, reject) => {
      this.port.write(data, (err) => {
        if (err) {
          reject(new StationError('DEVICE', `write failed: ${err.message}`, { cause: err }));
          return;
        }
        // Resolve once the OS has taken the bytes, not merely buffered them in the stream.
        this.port.drain((drainErr) => (drainErr ? reject(new StationError('DEVICE', `write failed: ${drainErr.message}`)) : resolve()));
      });
    });
  }

  protected teardown(): void {
    if (!this.port.isOpen) {
      this.events.close();
      return;
    }
    this.port.close((err) => {
      // A port that errors while closing is gone anyway; report it closed so the owner can reopen later.
      if (err) this.events.close();
    });
  }
}
