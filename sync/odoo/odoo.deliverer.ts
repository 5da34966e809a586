import { StationError } from '../../app/domain/errors';
import type { OutboxEvent, OutboxPayload } from '../../app/domain/outbox-event.schema';
import type { OdooGateway, PickingClaims, PickingWork, PickingWorks } from '../../app/ports';
import type { ConflictGuard } from '../conflicts/conflict-guard';
import type { BatchDeliverer, BatchOutcome, EventScope } from '../engine/deliverer';
import { deliverReturnLabel } from './return-label.delivery';

export interface OdooDeliveryChecks {
  /** Reads the picking before each write and refuses one that changed under the station (a CONFLICT). */
  guard?: ConflictGuard;
  /** This station's claims: released once the picking is validated. */
  claims?: PickingClaims;
  stationId?: string;
  /** Events of one picking taken at once (default 64: a picking's whole backlog, up to 31 parcels). */
  maxBatch?: number;
  /** Pickings delivered together (default 4): read in one request, one after another (side by side their writes
   * contend in Odoo for the same quants), then their label copies and validations combined. */
  maxPickings?: number;
}

type LabelEvent = Extract<OutboxPayload, { type: 'label.bought' }>;

/** One picking's part of a delivery: how far it got, and where it stopped. */
interface PickingRun {
  pickingId: number;
  batch: readonly OutboxEvent[];
  work: PickingWork;
  acked: Set<OutboxEvent>;
  failure: { at: OutboxEvent; error: unknown } | null;
  /** Labels whose tracking code is on the picking, waiting for their copies (combined over the pickings). */
  labels: OutboxEvent[];
  /** The validation, once everything before it went through (combined over the pickings). */
  validation: OutboxEvent | null;
  /** The last parcel put in pack, whose result is read back with the other pickings' (one read for all). */
  unconfirmed: OutboxEvent | null;
}

const pickingOf = (payload: OutboxPayload): number =>
  payload.type === 'parcel.packed' ? payload.parcel.pickingId : payload.type === 'hub.fact' ? payload.fact.pickingId : payload.pickingId;
const direct: EventScope = (_event, run) => run();
const copyOf = (e: OutboxEvent) => {
  const p = e.payload as LabelEvent;
  return { trackingCode: p.trackingCode, name: p.labelName, zpl: p.labelZpl };
};

/**
 * Delivers pickings' pending events to Odoo, several pickings in one delivery (a backlog; live packing is one picking
 * at a time). The pickings are read together, once, for the conflict checks and the writes; each picking's parcels
 * are put in pack in order and its labels' tracking codes written in one write, one picking after another (side by
 * side their writes contend in Odoo for the same quants: serialization failures, retried by Odoo after a second or
 * more); then for all of them one read confirms each picking's last parcel, one create holds the label copies, and
 * one call validates the fully packed ones. Every write is idempotent, so a delivery may stop anywhere: per picking
 * the engine marks done the acknowledged prefix (in event order) and the rest is delivered again, changing nothing
 * already done.
 */
export function createOdooDeliverer(gateway: OdooGateway, checks: OdooDeliveryChecks = {}): BatchDeliverer {
  const deliverGroups = async (batches: readonly (readonly OutboxEvent[])[], scope: EventScope = direct): Promise<BatchOutcome[]> => {
    const parts = batches.map((events) => {
      const pickingId = pickingOf((events[0] as OutboxEvent).payload);
      // One order key is one picking; anything else waits for a delivery of its own.
      const other = events.findIndex((e) => pickingOf(e.payload) !== pickingId);
      const own = other === -1 ? events : events.slice(0, other);
      // A void takes back a label whose copy this delivery would only make at its end: it heads a delivery of its own.
      const voided = own.findIndex((e, i) => i > 0 && e.payload.type === 'label.voided');
      return { pickingId, batch: voided === -1 ? own : own.slice(0, voided) };
    });
    let works: PickingWorks;
    try {
      works = await gateway.pickingWorks(parts.map((p) => p.pickingId));
    } catch (error) {
      return batches.map(() => ({ done: 0, error }));
    }
    const runs: PickingRun[] = parts.map((p, i) => ({ ...p, work: works.works[i] as PickingWork, acked: new Set(), failure: null, labels: [], validation: null, unconfirmed: null }));
    // One picking after another: side by side, their writes contend in Odoo for the same stock rows (quants).
    for (const run of runs) await advance(run, checks, scope);
    await confirmParcels(runs, works, scope);
    await copyLabels(runs, works, scope);
    await validate(runs, works, checks, scope);
    return runs.map(outcomeOf);
  };
  return {
    maxBatch: Math.max(1, checks.maxBatch ?? 64),
    maxKeys: Math.max(1, checks.maxPickings ?? 4),
    deliverGroups,
    deliverMany: async (events, scope) => (events.length === 0 ? { done: 0 } : ((await deliverGroups([events], scope))[0] as BatchOutcome)),
  };
}

/** The picking's events up to its validation: checked, parcels put in pack, labels' tracking codes written. */
async function advance(run: PickingRun, checks: OdooDeliveryChecks, scope: EventScope): Promise<void> {
  const kept: OutboxEvent[] = [];
  const validationFollows = run.batch.some((e) => e.payload.type === 'picking.validate');
  // The picking's last parcel here is read back later, with the other pickings' (confirmParcels).
  const lastParcel = run.batch.findLast((e) => e.payload.type === 'parcel.packed');
  for (const event of run.batch) {
    try {
      await scope(event, async () => {
        await checks.guard?.check(event, run.work, { validationFollows });
        const payload = event.payload;
        if (payload.type === 'parcel.packed') {
          await run.work.putInPack(payload.parcel, { confirmLater: event === lastParcel });
          run.acked.add(event);
          if (event === lastParcel) run.unconfirmed = event;
        } else if (payload.type === 'label.bought') kept.push(event);
        else if (payload.type === 'picking.validate') run.validation = event;
        else if (payload.type === 'label.voided') {
          const { trackingCode, labelName, parcelIndex, freight, reason } = payload;
          await run.work.voidLabel({ trackingCode, labelName, parcelIndex, freight, reason, stationId: checks.stationId ?? '?' });
          run.acked.add(event);
        } else if (payload.type === 'label.void') throw new StationError('REJECTED', 'odoo deliverer: a label.void is for the carrier platform');
        else if (payload.type === 'hub.fact') throw new StationError('REJECTED', 'odoo deliverer: a hub.fact is for the hub');
        else if (payload.type === 'return.label') await deliverReturnLabel(run.work, payload, checks.stationId ?? '?').then(() => run.acked.add(event));
        else {
          // Unreachable while the schema and this code agree; an unknown type can never succeed, so no retry.
          const unknown: never = payload;
          throw new StationError('REJECTED', `odoo deliverer: no mapping for event ${JSON.stringify(unknown)}`);
        }
      });
    } catch (error) {
      fail(run, event, error);
      break;
    }
    if (run.validation) break;
  }
  if (kept.length === 0) return;
  try {
    // Each label carries the picking's freight as of its recording: the last one's is the total after them all.
    const freight = (kept.at(-1)?.payload as LabelEvent).freight;
    await scope(kept[0] as OutboxEvent, () => run.work.addTrackingRefs(kept.map((e) => copyOf(e).trackingCode), freight));
    run.labels = kept;
  } catch (error) {
    fail(run, kept[0] as OutboxEvent, error);
  }
}

/** The last parcel of each picking: what Odoo made of it, from one read of all their move lines. */
async function confirmParcels(runs: readonly PickingRun[], works: PickingWorks, scope: EventScope): Promise<void> {
  const waiting = runs.filter((r) => r.unconfirmed !== null);
  const first = waiting[0]?.unconfirmed;
  if (first == null) return;
  const results = await scope(first, () => works.confirm(waiting.map((r) => r.pickingId)));
  for (const run of waiting) {
    const error = results.get(run.pickingId) ?? null;
    const event = run.unconfirmed as OutboxEvent;
    if (error === null) continue;
    run.acked.delete(event);
    fail(run, event, error);
  }
}

/** Every picking's labels: one search and one create between them (before any validation: Odoo may mail them). */
async function copyLabels(runs: readonly PickingRun[], works: PickingWorks, scope: EventScope): Promise<void> {
  const withLabels = runs.filter((r) => r.labels.length > 0);
  const first = withLabels[0]?.labels[0];
  if (first === undefined) return;
  const results = await scope(first, () => works.attachLabels(new Map(withLabels.map((r) => [r.pickingId, r.labels.map(copyOf)]))));
  for (const run of withLabels) {
    const error = results.get(run.pickingId) ?? null;
    if (error === null) for (const e of run.labels) run.acked.add(e);
    else fail(run, run.labels[0] as OutboxEvent, error);
  }
}

/** The pickings whose every earlier event went through: validated together where Odoo allows it. */
async function validate(runs: readonly PickingRun[], works: PickingWorks, checks: OdooDeliveryChecks, scope: EventScope): Promise<void> {
  const ready = runs.filter((r) => r.validation !== null && r.failure === null);
  const first = ready[0]?.validation;
  if (first == null) return;
  const results = await scope(first, () => works.validate(ready.map((r) => r.pickingId)));
  for (const run of ready) {
    const event = run.validation as OutboxEvent;
    const error = results.get(run.pickingId) ?? null;
    if (error !== null) {
      fail(run, event, error);
      continue;
    }
    run.acked.add(event);
    checks.guard?.finished(run.pickingId);
    // The claim ends with the work; should this call not go through, the claim expires on its own (its TTL).
    await checks.claims?.release(run.pickingId, `packed and validated at station ${checks.stationId ?? '?'}`).catch(() => undefined);
  }
}

/** The earliest failure of the picking is the one the engine records; its validation waits for the next delivery. */
function fail(run: PickingRun, at: OutboxEvent, error: unknown): void {
  if (run.failure === null || run.batch.indexOf(at) < run.batch.indexOf(run.failure.at)) run.failure = { at, error };
  run.validation = null;
  // Labels after it are delivered again after it anyway.
  run.labels = run.labels.filter((e) => run.batch.indexOf(e) < run.batch.indexOf(at));
}

function outcomeOf(run: PickingRun): BatchOutcome {
  const done = run.batch.findIndex((e) => !run.acked.has(e));
  if (done === -1) return { done: run.batch.length };
  const failure = run.failure;
  return failure !== null && failure.at === run.batch[done] ? { done, error: failure.error } : { done };
}
