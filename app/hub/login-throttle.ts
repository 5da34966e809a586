/**
 * Sign-in attempts of one account from one address: after `maxFailures` wrong passwords within `windowMs`, further
 * attempts are refused for `lockMs` (the password is not even checked), so a password cannot be guessed at the
 * speed of the network. Per hub process and in memory: a restart forgets, and N hubs allow N times the attempts,
 * which still leaves guessing hopeless against scrypt-hashed passwords of reasonable length.
 */
export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  /** The most keys remembered; the oldest are forgotten first. */
  maxKeys: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000, maxKeys: 10_000 };

interface Attempts {
  failures: number[];
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly keys = new Map<string, Attempts>();

  constructor(private readonly opts: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitMs(key: string, now: number): number {
    const entry = this.keys.get(key);
    return entry && entry.lockedUntil > now ? entry.lockedUntil - now : 0;
  }

  failed(key: string, now: number): void {
    const entry = this.keys.get(key) ?? { failures: [], lockedUntil: 0 };
    entry.failures = [...entry.failures.filter((at) => now - at < this.opts.windowMs), now];
    if (entry.failures.length >= this.opts.maxFailures) {
      entry.lockedUntil = now + this.opts.lockMs;
      entry.failures = [];
    }
    // Re-inserted so the map's order is least recently failed first.
    this.keys.delete(key);
    this.keys.set(key, entry);
    for (const oldest of this.keys.keys()) {
      if (this.keys.size <= this.opts.maxKeys) break;
      this.keys.delete(oldest);
    }
  }

  succeeded(key: string): void {
    this.keys.delete(key);
  }
}
