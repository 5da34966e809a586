import type { Listener, Unsubscribe } from '../../app/ports';

/**
 * Listeners of one event. A throwing listener must never break the driver that emits (a bug in the UI would
 * otherwise stop the scale), so each call is isolated and the error handed to `onListenerError`.
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

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        try {
          this.onListenerError(error);
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
