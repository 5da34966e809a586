import type { Listener, Unsubscribe } from '../ports';

/**
 * Listeners of one event: the one fan-out of the product (drivers, sync engine, ledger, spooler, IPC core). A throwing
 * listener must never break the part that emits (a bug in the UI would otherwise stop the scale or the sync engine),
 * so each call is isolated and the error handed to `onListenerError`.
 */
export class ListenerSet<T> {
  private readonly listeners = new Set<Listener<T>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  add(listener: Listener<T>): Unsubscribe {
    // Wrapping makes the same function subscribable twice with independent unsubscribes.
    const entry: Listener<T> = (value) => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** `onError` (else the set's own handler) hears what a listener threw; the other listeners are still called. */
  emit(value: T, onError: (error: unknown) => void = this.onListenerError): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        try {
          onError(error);
        } catch {
          // Nothing sensible is left to do; the emitter must survive.
        }
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }

  clear(): void {
    this.listeners.clear();
  }
}
