import { StationError } from '../../app/domain/errors';
import { EventedByteLink } from '../serial/evented-byte-link';

/** The part of node-hid's HIDAsync a scale link uses. */
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void> | void;
}

/**
 * An open HID device as a ByteLink: each chunk is one input report. node-hid signals an unplugged device with an
 * 'error' event ("could not read from HID device"), which closes the link so DeviceConnection reconnects.
 */
export class HidReportLink extends EventedByteLink {
  constructor(private readonly handle: HidHandle) {
    super();
    handle.on('data', (data: Buffer) => this.events.data.emit(Buffer.from(data)));
    handle.on('error', (error: Error) => {
      this.closeHandle();
      this.events.close(error);
    });
  }

  write(): Promise<void> {
    return Promise.reject(new StationError('CONFIG', 'a USB-HID POS scale takes no commands'));
  }

  protected teardown(): void {
    this.closeHandle();
    this.events.close();
  }

  private closeHandle(): void {
    try {
      void Promise.resolve(this.handle.close()).catch(() => {});
    } catch {
      // Closing a device that is already gone may throw; it is closed either way.
    }
  }
}
