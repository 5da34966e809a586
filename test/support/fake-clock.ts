import type { Clock } from '../../app/ports';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A manual Clock for unit tests: time moves only through `advance()`, and timers fire in due order (ties in
 * scheduling order), including timers scheduled by timers within the advanced span.
 */
export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = target;
  }

  /** Like advance(), but lets promise callbacks scheduled by timers settle between steps. */
  async advanceAsync(ms: number, step = ms): Promise<void> {
    for (let left = ms; left > 0; left -= step) {
      this.advance(Math.min(step, left));
      await flushPromises();
    }
  }

  /** Timers still pending (to assert that stop() cancelled everything). */
  get pending(): number {
    return this.timers.length;
  }
}

/** Lets queued promise reactions run (several rounds: chained awaits need more than one). */
export async function flushPromises(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
