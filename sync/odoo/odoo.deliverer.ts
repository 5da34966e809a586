import { StationError } from '../../app/domain/errors';
import type { OutboxEvent } from '../../app/domain/outbox-event.schema';
import type { OdooGateway, PickingClaims } from '../../app/ports';
import type { ConflictGuard } from '../conflicts/conflict-guard';
import type { Deliverer } from '../engine/sync.engine';

export interface OdooDeliveryChecks {
  /** Reads the picking before each write and refuses one that changed under the station (a CONFLICT). */
  guard?: ConflictGuard;
  /** This station's claims: released once the picking is validated. */
  claims?: PickingClaims;
  stationId?: string;
}

/**
 * Maps outbox events to Odoo calls. Every gateway method is idempotent, so a retry after a lost reply (or after the
 * agent was killed between the remote's commit and our markDone) changes nothing the second time.
 */
export function createOdooDeliverer(gateway: OdooGateway, checks: OdooDeliveryChecks = {}): Deliverer {
  return async (event: OutboxEvent): Promise<void> => {
    const payload = event.payload;
    // What the check just read, so the write does not read it again.
    const facts = (await checks.guard?.check(event)) ?? undefined;
    const known = facts ? { state: facts.state, ...(facts.trackingRefs ? { trackingRefs: facts.trackingRefs } : {}) } : undefined;
    switch (payload.type) {
      case 'parcel.packed':
        await gateway.putInPack(payload.parcel, known);
        return;
      case 'label.bought':
        // Tracking ref first: it is what the customer service looks up; the attachment is the copy of the label.
        await gateway.addTrackingRef(payload.pickingId, payload.trackingCode, known);
        await gateway.attachLabel(payload.pickingId, payload.labelName, payload.labelZpl);
        return;
      case 'picking.validate':
        await gateway.validate(payload.pickingId, known);
        checks.guard?.finished(payload.pickingId);
        // The claim ends with the work; should this call not go through, the claim expires on its own (its TTL).
        await checks.claims?.release(payload.pickingId, `packed and validated at station ${checks.stationId ?? '?'}`).catch(() => undefined);
        return;
      default: {
        // Unreachable while the schema and this switch agree; an unknown type can never succeed, so no retry.
        const unknown: never = payload;
        throw new StationError('REJECTED', `odoo deliverer: no mapping for event ${JSON.stringify(unknown)}`);
      }
    }
  };
}
