import { StationError } from '../../app/domain/errors';
import type { OutboxEvent } from '../../app/domain/outbox-event.schema';
import type { OdooGateway } from '../../app/ports';
import type { Deliverer } from '../engine/sync.engine';

/**
 * Maps outbox events to Odoo calls. Every gateway method is idempotent, so a retry after a lost reply (or after the
 * agent was killed between the remote's commit and our markDone) changes nothing the second time.
 */
export function createOdooDeliverer(gateway: OdooGateway): Deliverer {
  return async (event: OutboxEvent): Promise<void> => {
    const payload = event.payload;
    switch (payload.type) {
      case 'parcel.packed':
        await gateway.putInPack(payload.parcel);
        return;
      case 'label.bought':
        // Tracking ref first: it is what the customer service looks up; the attachment is the copy of the label.
        await gateway.addTrackingRef(payload.pickingId, payload.trackingCode);
        await gateway.attachLabel(payload.pickingId, payload.labelName, payload.labelZpl);
        return;
      case 'picking.validate':
        await gateway.validate(payload.pickingId);
        return;
      default: {
        // Unreachable while the schema and this switch agree; an unknown type can never succeed, so no retry.
        const unknown: never = payload;
        throw new StationError('REJECTED', `odoo deliverer: no mapping for event ${JSON.stringify(unknown)}`);
      }
    }
  };
}
