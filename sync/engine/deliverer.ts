import type { OutboxEvent } from '../../app/domain/outbox-event.schema';

/** Applies one event to its remote. Resolves only once the remote acknowledged it; must be idempotent. */
export type Deliverer = (event: OutboxEvent) => Promise<void>;

/** Runs the part of a batch delivery that belongs to one event (metrics and logs name that event meanwhile). */
export type EventScope = <T>(event: OutboxEvent, run: () => Promise<T>) => Promise<T>;

/** What a batch delivery achieved: its first `done` events were acknowledged; `error` is why the next one was not. */
export interface BatchOutcome {
  done: number;
  error?: unknown;
}

/**
 * Applies the head of an order key together with the pending events after it (a picking's backlog: the picking read
 * once, writes combined). The effect must be that of applying them one by one in order, each idempotently; it
 * reports the acknowledged prefix, and a failure stops the batch there (the failed event is the key's next head).
 */
export interface BatchDeliverer {
  /** The most events taken at once, the head included. */
  readonly maxBatch: number;
  deliverMany(events: readonly OutboxEvent[], scope?: EventScope): Promise<BatchOutcome>;
  /**
   * Several keys at once, at most `maxKeys` (a backlog's pickings read together, validated together): one batch per
   * key, one outcome per batch in the same order, each as deliverMany's. Without it every key goes alone.
   */
  readonly maxKeys?: number;
  deliverGroups?(batches: readonly (readonly OutboxEvent[])[], scope?: EventScope): Promise<BatchOutcome[]>;
}

/** Runs one batch delivery of one or several keys; whatever it throws, each batch gets an outcome. */
export async function deliverAll(deliverer: BatchDeliverer, batches: readonly (readonly OutboxEvent[])[]): Promise<BatchOutcome[]> {
  try {
    if (batches.length === 1 || deliverer.deliverGroups === undefined) return [acknowledged(await deliverer.deliverMany(batches[0] ?? []), batches[0]?.length ?? 0)];
    const outcomes = await deliverer.deliverGroups(batches);
    return batches.map((batch, i) => acknowledged(outcomes[i] ?? { done: 0, error: new Error('the deliverer gave no outcome for this batch') }, batch.length));
  } catch (error) {
    return batches.map(() => ({ done: 0, error }));
  }
}

/** A batch's own answer made safe: a prefix within the batch, and nothing acknowledged without a reason is a failure. */
export function acknowledged(outcome: BatchOutcome, size: number): BatchOutcome {
  const done = Math.max(0, Math.min(size, Math.floor(outcome.done)));
  if (outcome.error !== undefined && done < size) return { done, error: outcome.error };
  // Redelivering the same head forever, with no failure recorded, is what this prevents.
  return done === 0 ? { done, error: new Error('the deliverer acknowledged none of the events it was given') } : { done };
}

/** A head with the pending events after it that its deliverer takes; the head alone when they cannot be read. */
export function batchOf(head: OutboxEvent, deliverer: Deliverer | BatchDeliverer, following: (head: OutboxEvent, limit: number) => OutboxEvent[], warn: (error: unknown) => void): OutboxEvent[] {
  if (typeof deliverer === 'function' || deliverer.maxBatch <= 1) return [head];
  try {
    return [head, ...following(head, deliverer.maxBatch - 1)];
  } catch (e) {
    warn(e);
    return [head];
  }
}
