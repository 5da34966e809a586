import type { Unsubscribe } from '../../app/ports';
import type { ByteLink } from './byte-link';
import { LinkEvents } from './link-events';

/**
 * What every ByteLink shares: listener fan-out, a close that resolves once the transport really closed, and the
 * `closing` flag that tells a close we asked for from a device that vanished.
 */
export abstract class EventedByteLink implements ByteLink {
  protected readonly events = new LinkEvents();
  protected closing = false;

  abstract write(data: Buffer): Promise<void>;

  /** Starts closing the transport; its close event must end up in `events.close()`. */
  protected abstract teardown(): void;

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
      this.teardown();
    });
  }
}
