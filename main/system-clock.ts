import { randomUUID } from 'node:crypto';
import type { Clock, Ids } from '../app/ports';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // Timers of the agent must never keep a stopping process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const randomIds: Ids = { next: () => randomUUID() };
