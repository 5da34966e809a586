import type { Unsubscribe } from '../../app/ports';
import { ListenerSet } from '../../app/events/listener-set';

/**
 * The event half shared by the ByteLink implementations: data fan-out and a close that fires exactly once,
 * whether the device vanished or we closed it.
 */
export class LinkEvents {
  readonly data = new ListenerSet<Buffer>();
  private readonly closeListeners = new ListenerSet<Error | undefined>();
  private closedWith: { err: Error | undefined } | null = null;

  onClose(listener: (err?: Error) => void): Unsubscribe {
    if (this.closedWith) {
      const { err } = this.closedWith;
      queueMicrotask(() => listener(err));
      return () => {};
    }
    return this.closeListeners.add(listener);
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  close(err?: Error): void {
    if (this.closedWith) return;
    this.closedWith = { err };
    this.closeListeners.emit(err);
    this.closeListeners.clear();
    this.data.clear();
  }
}
