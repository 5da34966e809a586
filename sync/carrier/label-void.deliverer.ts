import { suggest } from '../../app/carrier/carrier-actions';
import { StationError } from '../../app/domain/errors';
import type { VoidOutcome } from '../../app/domain/carrier.schema';
import type { VoidedLabel } from '../../app/domain/label-record.schema';
import type { OutboxEvent, OutboxPayload } from '../../app/domain/outbox-event.schema';
import type { CarrierExceptionQueue, CarrierPlatform } from '../../app/ports';
import type { Deliverer } from '../engine/deliverer';

type VoidEvent = Extract<OutboxPayload, { type: 'label.void' }>;

export interface LabelVoidDeps {
  /** The platform behind the station; a label names the one that sold it (none: EasyPost, the only one before). */
  platform: Pick<CarrierPlatform, 'kind' | 'void'>;
  /** Where the voids are kept and their answers recorded (voided-labels.store.ts). */
  labels: { voidedOf(shipmentId: string): VoidedLabel | null; recordAnswer(shipmentId: string, outcome: VoidOutcome): void };
  exceptions: Pick<CarrierExceptionQueue, 'raise'>;
}

/** The platform's answer is final: asking again would only repeat it. */
const FINAL = new Set(['refunded', 'rejected']);

function rejectedException(p: VoidEvent, outcome: VoidOutcome) {
  const { trackingCode, rate } = p.shipment;
  return {
    kind: 'void_rejected' as const,
    pickingId: p.pickingId,
    pickingName: p.pickingName ?? `picking ${p.pickingId}`,
    parcelIndex: p.parcelIndex,
    detail: `The refund of label ${trackingCode} (${rate.carrier} ${rate.service}, ${rate.rate} ${rate.currency}), voided here (${p.reason}), was refused: ${outcome.detail ?? 'the platform gave no reason'}.`,
    suggestedAction: suggest('claimPostage'),
  };
}

/**
 * Delivers the carrier target's events: `label.void` asks the platform for the voided label's postage back (EasyPost
 * POST /shipments/{id}/refund, Shippo POST /refunds/, both behind `CarrierPlatform.void`) and records the answer on
 * the void: `submitted` (the carrier has yet to confirm), `refunded`, or `rejected`, which opens a `void_rejected`
 * carrier exception for a supervisor. A void already answered for good is not asked again; one delivered again
 * after a lost reply asks again and the platform answers its current status (never a second refund).
 */
export function createCarrierDeliverer(deps: LabelVoidDeps): Deliverer {
  return async (event: OutboxEvent) => {
    const p = event.payload;
    if (p.type !== 'label.void') throw new StationError('REJECTED', `carrier deliverer: no mapping for event ${p.type}`);
    const { shipmentId } = p.shipment;
    const known = deps.labels.voidedOf(shipmentId);
    if (known !== null && FINAL.has(known.status)) return;
    const kind = p.shipment.platform ?? 'easypost';
    if (kind !== deps.platform.kind) {
      throw new StationError('CONFIG', `label ${p.shipment.trackingCode} was bought on ${kind}, but this station's carrier platform is ${deps.platform.kind}: void it there by hand`);
    }
    const outcome = await deps.platform.void(p.shipment);
    // The exception first: should recording the answer then fail, the void is asked again and raises the same one.
    if (outcome.status === 'rejected') deps.exceptions.raise(rejectedException(p, outcome));
    deps.labels.recordAnswer(shipmentId, outcome);
  };
}
