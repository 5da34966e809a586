import type { SyncTarget } from '../../app/domain/outbox-event.schema';
import type { Clock, LogSink } from '../../app/ports';
import type { OutboxStore } from '../outbox/outbox.store';
import type { BatchDeliverer, Deliverer } from './deliverer';
import type { RetryPolicy } from './retry-policy';
import type { Probe } from './target-reachability';

export interface SyncEngineOptions {
  store: OutboxStore;
  deliverers: Partial<Record<SyncTarget, Deliverer | BatchDeliverer>>;
  /** Cheap calls that prove a remote answers; while one fails the target's events are held back (see reachability). */
  probes?: Partial<Record<SyncTarget, Probe>>;
  /** First and longest wait between probes of an unreachable remote (defaults 1 s and 10 s). */
  probeBaseMs?: number;
  probeMaxMs?: number;
  clock: Clock;
  policy: RetryPolicy;
  log?: LogSink;
  /** Deliveries in flight at once, over all order keys (one key is always sequential). */
  concurrency?: number;
  /** Longest sleep: events enqueued by a producer that does not kick are still picked up this fast. */
  idleMs?: number;
  /** How long stop() waits for in-flight deliveries before giving up on them (they are redelivered next start). */
  drainTimeoutMs?: number;
  /** Finished rows older than this are pruned; label payloads are large. */
  retentionMs?: number;
  /** [0, 1); injectable so backoff is testable. */
  random?: () => number;
  /**
   * Group commit of done-marks (see DoneMarks): the longest wait for running deliveries to join a group (2 ms), and
   * the largest group (64). A crash before a group commits only makes its events be delivered again.
   */
  groupCommitMs?: number;
  groupCommitMax?: number;
}
