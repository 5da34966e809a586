import { AsyncLocalStorage } from 'node:async_hooks';
import type { OutboxEvent } from '../../app/domain/outbox-event.schema';
import type { RemoteCallObserver } from '../../app/ports';

export interface DebugLog {
  debug(obj: object, msg?: string): void;
}

type DeliveryContext = { eventId: number; orderKey: string; type: string };

/**
 * Follows one outbox event end to end: the sync engine logs its delivery and failure with `eventId`, and every Odoo or
 * carrier request made while delivering it is logged with the same id. The id travels in async context rather than
 * as an argument, so the gateways and their transports need not know that events exist.
 */
export class DeliveryTrace {
  private readonly context = new AsyncLocalStorage<DeliveryContext>();

  constructor(private readonly log?: DebugLog) {}

  during<T>(event: OutboxEvent, run: () => Promise<T>): Promise<T> {
    return this.context.run({ eventId: event.id, orderKey: event.orderKey, type: event.payload.type }, run);
  }

  /** One debug line per request; outside a delivery (a scan's lookup, a label purchase, the prefetch) without an event. */
  remoteCall(...[remote, method, ms, outcome]: Parameters<RemoteCallObserver>): void {
    if (this.log === undefined) return;
    this.log.debug({ ...this.context.getStore(), remote, method, ms: Math.round(ms), outcome }, 'remote call');
  }
}
