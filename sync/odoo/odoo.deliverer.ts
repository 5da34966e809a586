import { StationError } from '../../app/domain/errors';
import type { OutboxEvent, OutboxPayload } from '../../app/domain/outbox-event.schema';
import type { OdooGateway, PickingClaims, PickingWork } from '../../app/ports';
import type { ConflictGuard } from '../conflicts/conflict-guard';
import type { BatchDeliverer, BatchOutcome, EventScope } from '../engine/deliverer';

export interface OdooDeliveryChecks {
  /** Reads the picking before each write and refuses one that changed under the station (a CONFLICT). */
  guard?: ConflictGuard;
  /** This station's claims: released once the picking is validated. */
  claims?: PickingClaims;
  stationId?: string;
  /** Events of one picking taken at once (default 64: a picking's whole backlog, up to 31 parcels). */
  maxBatch?: number;
}

type LabelEvent = Extract<OutboxPayload, { type: 'label.bought' }>;

const pickingOf = (payload: OutboxPayload): number => (payload.type === 'parcel.packed' ? payload.parcel.pickingId : payload.pickingId);
const direct: EventScope = (_event, run) => run();

/**
 * Delivers a picking's pending events to Odoo in one picking work: the picking is read once for the conflict checks
 * and the writes, the parcels are put in pack in order, the labels' tracking codes go in one write and their copies
 * in one create (just before the validation, or at the end), and the validation comes last. Every write is
 * idempotent, so the batch may stop anywhere: the engine marks done the acknowledged prefix (in event order) and the
 * rest is delivered again, changing nothing already done. A label written ahead of a parcel that then failed is
 * simply found present next time.
 */
export function createOdooDeliverer(gateway: OdooGateway, checks: OdooDeliveryChecks = {}): BatchDeliverer {
  return {
    maxBatch: Math.max(1, checks.maxBatch ?? 64),
    async deliverMany(events, scope = direct): Promise<BatchOutcome> {
      const head = events[0];
      if (head === undefined) return { done: 0 };
      const pickingId = pickingOf(head.payload);
      // One order key is one picking; anything else is delivered in a batch of its own.
      const other = events.findIndex((e) => pickingOf(e.payload) !== pickingId);
      const batch = other === -1 ? [...events] : events.slice(0, other);
      const acked = new Set<OutboxEvent>();
      const failures = new Map<OutboxEvent, unknown>();
      let labels: OutboxEvent[] = [];

      const flushLabels = async (): Promise<boolean> => {
        const waiting = labels;
        labels = [];
        if (waiting.length === 0) return true;
        try {
          await scope(waiting[0] as OutboxEvent, () => work.addLabels(waiting.map((e) => copyOf(e.payload as LabelEvent))));
          for (const e of waiting) acked.add(e);
          return true;
        } catch (error) {
          failures.set(waiting[0] as OutboxEvent, error);
          return false;
        }
      };

      let work: PickingWork;
      try {
        work = await gateway.pickingWork(pickingId);
      } catch (error) {
        return { done: 0, error };
      }
      for (const event of batch) {
        try {
          const kept = await scope(event, () => apply(event, work, checks, flushLabels));
          if (kept === 'later') labels.push(event);
          else if (kept === 'stopped') break;
          else acked.add(event);
        } catch (error) {
          failures.set(event, error);
          break;
        }
      }
      await flushLabels();
      const done = batch.findIndex((e) => !acked.has(e));
      if (done === -1) return { done: batch.length };
      const stopped = batch[done] as OutboxEvent;
      return failures.has(stopped) ? { done, error: failures.get(stopped) } : { done };
    },
  };
}

/** One event's part: checked against Odoo, then written ('done'), kept for the labels' write ('later'), or not reached. */
async function apply(event: OutboxEvent, work: PickingWork, checks: OdooDeliveryChecks, flushLabels: () => Promise<boolean>): Promise<'done' | 'later' | 'stopped'> {
  await checks.guard?.check(event, work);
  const payload = event.payload;
  switch (payload.type) {
    case 'parcel.packed':
      await work.putInPack(payload.parcel);
      return 'done';
    case 'label.bought':
      return 'later';
    case 'picking.validate':
      // The tracking references are on the picking before it is validated (Odoo may mail them to the customer then).
      if (!(await flushLabels())) return 'stopped';
      await work.validate();
      checks.guard?.finished(payload.pickingId);
      // The claim ends with the work; should this call not go through, the claim expires on its own (its TTL).
      await checks.claims?.release(payload.pickingId, `packed and validated at station ${checks.stationId ?? '?'}`).catch(() => undefined);
      return 'done';
    default: {
      // Unreachable while the schema and this switch agree; an unknown type can never succeed, so no retry.
      const unknown: never = payload;
      throw new StationError('REJECTED', `odoo deliverer: no mapping for event ${JSON.stringify(unknown)}`);
    }
  }
}

const copyOf = (payload: LabelEvent) => ({ trackingCode: payload.trackingCode, name: payload.labelName, zpl: payload.labelZpl });
