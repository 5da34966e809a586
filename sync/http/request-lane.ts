import { AsyncLocalStorage } from 'node:async_hooks';

const packerLane = new AsyncLocalStorage<true>();

/**
 * Runs `work` as the packer's own: every remote request it makes, however deep, goes ahead of the background work
 * (the outbox's backlog, the prefetch) in a rate-limited remote's queue. The packer at the bench waits for these;
 * nobody waits for the backlog.
 */
export function forThePacker<T>(work: () => Promise<T>): Promise<T> {
  return packerLane.run(true, work);
}

/** Whether the request being made now is the packer's (see forThePacker). */
export const isPackerRequest = (): boolean => packerLane.getStore() === true;
