/**
 * Refunds of the carrier sandbox: `POST /shipments/:id/refund` answers the shipment with `refund_status`
 * `submitted` (test_shipment_refund). Asking again answers the shipment as it stands, without a second refund; a
 * `rejected` refund may be asked again, as EasyPost's refund docs allow. The carrier's later decision (refunded or
 * rejected) is played by `settle`.
 */
import type { SandboxStore } from './carrier-store.sim';
import { shipmentWire } from './carrier-shipment-wire.sim';
import { isoNow, notFound, unprocessable, type SandboxReply } from './carrier-wire.sim';

export type SettledRefund = 'refunded' | 'rejected';

export class RefundDesk {
  private readonly requested: { shipmentId: string; trackingCode: string; status: string }[] = [];

  constructor(private readonly shipments: SandboxStore) {}

  refund(id: string): SandboxReply {
    const r = this.shipments.record(id);
    if (!r) return notFound('Shipment');
    if (!r.postageLabel || r.trackingCode === null) return unprocessable('SHIPMENT.REFUND.FAILURE', 'Only purchased shipments can be refunded.');
    if (r.refundStatus === null || r.refundStatus === 'rejected') {
      r.refundStatus = 'submitted';
      r.updatedAt = isoNow();
      this.requested.push({ shipmentId: r.id, trackingCode: r.trackingCode, status: 'submitted' });
    }
    return { status: 200, body: shipmentWire(r) };
  }

  /** The carrier's answer to the shipment's open refund; false when it has none. */
  settle(shipmentId: string, status: SettledRefund): boolean {
    const open = this.requested.findLast((q) => q.shipmentId === shipmentId && q.status === 'submitted');
    const r = this.shipments.record(shipmentId);
    if (!open || !r) return false;
    open.status = status;
    r.refundStatus = status;
    r.updatedAt = isoNow();
    return true;
  }

  refunds(): { trackingCode: string; status: string }[] {
    return this.requested.map(({ trackingCode, status }) => ({ trackingCode, status }));
  }
}
