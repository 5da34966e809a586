import type { Clock } from '../../app/ports';
import type { Log } from '../log';

interface KeyState<V> {
  lastWriteAt: number;
  pending: { value: V } | null;
  timer: unknown;
  /** Writes of one key run one after another, so an older value never lands after a newer one. */
  chain: Promise<void>;
}

/**
 * At most one write per key per `intervalMs`, and the last value offered is always written: a station reporting
 * several times a second costs the database one row update every interval, and the newest report is never lost.
 */
export class CoalescedWriter<V> {
  private readonly keys = new Map<string, KeyState<V>>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly write: (key: string, value: V) => Promise<void>,
    private readonly log: Log,
  ) {}

  offer(key: string, value: V): void {
    const state = this.keys.get(key) ?? { lastWriteAt: -Infinity, pending: null, timer: null, chain: Promise.resolve() };
    this.keys.set(key, state);
    const now = this.clock.now();
    if (state.timer === null && now - state.lastWriteAt >= this.intervalMs) {
      this.start(key, state, value);
      return;
    }
    state.pending = { value };
    if (state.timer === null) {
      state.timer = this.clock.setTimeout(() => this.fire(key, state), state.lastWriteAt + this.intervalMs - now);
    }
  }

  /** Writes what waits for `key` now (a station that disconnects), or everything (a hub that stops); resolves when written. */
  async flush(key?: string): Promise<void> {
    const entries = key === undefined ? [...this.keys] : [[key, this.keys.get(key)] as const];
    await Promise.all(
      entries.map(([k, state]) => {
        if (!state) return undefined;
        if (state.timer !== null) this.clock.clearTimeout(state.timer);
        this.fire(k, state);
        return state.chain;
      }),
    );
  }

  private fire(key: string, state: KeyState<V>): void {
    state.timer = null;
    const pending = state.pending;
    state.pending = null;
    if (pending) this.start(key, state, pending.value);
  }

  private start(key: string, state: KeyState<V>, value: V): void {
    state.lastWriteAt = this.clock.now();
    state.chain = state.chain.then(() =>
      this.write(key, value).catch((err: unknown) => this.log.error({ err, key }, 'coalesced write failed')),
    );
  }
}
