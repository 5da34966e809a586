import { describe, expect, it } from 'vitest';
import { ExceptionFindingSchema } from '../../../app/recon/exception.schema';
import type { TrackedShipment } from '../../../app/recon/recon-input.schema';
import { trackingFinding } from '../../../app/recon/tracking-findings';
import type { TrackingEvent, TrackingStatus } from '../../../app/domain/tracking.schema';

const event = (status: TrackingStatus, at: string, description: string, location: string | null = null): TrackingEvent => ({ status, at, platformStatus: status, platformDetail: null, description, location });

function shipment(status: TrackingStatus, events: TrackingEvent[]): TrackedShipment {
  return {
    trackingCode: 'EZ6000000006',
    carrier: 'USPS',
    platform: 'easypost',
    shipmentId: 'shp_1',
    stationId: 'bench-2',
    pickingId: 12,
    pickingName: 'WH/OUT/00012',
    labelAt: 1,
    status,
    lastEventAt: null,
    lastChangeAt: null,
    lastHeardAt: null,
    report: { carrier: 'USPS', trackingCode: 'EZ6000000006', status, events, estimatedDelivery: null, unmapped: [] },
  };
}

const moving = event('in_transit', '2026-03-01T08:00:00Z', 'Departed USPS Regional Facility', 'HOUSTON, TX 77201');

describe('trackingFinding', () => {
  it('a failed delivery: contact the customer, keyed by code, with what the carrier said', () => {
    const failed = event('delivery_failed', '2026-03-02T11:00:00Z', 'Delivery Attempted - No Access to Delivery Location', 'CHARLESTON, SC 29401');
    const finding = trackingFinding({ before: 'out_for_delivery', after: 'delivery_failed', shipment: shipment('delivery_failed', [moving, failed]) });
    expect(ExceptionFindingSchema.parse(finding)).toEqual({
      key: 'delivery_failed:EZ6000000006',
      kind: 'delivery_failed',
      severity: 'warning',
      source: 'tracking',
      stationId: 'bench-2',
      pickingId: 12,
      pickingName: 'WH/OUT/00012',
      shipmentId: 'shp_1',
      trackingCode: 'EZ6000000006',
      detail: 'USPS EZ6000000006 (WH/OUT/00012) could not be delivered — "Delivery Attempted - No Access to Delivery Location" at CHARLESTON, SC 29401, 2026-03-02T11:00:00Z.',
      amounts: null,
      suggestedAction: { code: 'contact_customer', text: expect.stringMatching(/^Contact the customer/) },
    });
  });

  it('a return: inspect it; a carrier exception: contact the carrier, critical', () => {
    const back = trackingFinding({ before: 'delivery_failed', after: 'returned_to_sender', shipment: shipment('returned_to_sender', [moving, event('returned_to_sender', '2026-03-03T09:00:00Z', 'Return to Sender Processed')]) });
    expect(back).toMatchObject({ key: 'returned:EZ6000000006', kind: 'returned', severity: 'warning', suggestedAction: { code: 'inspect_return' } });
    const lost = trackingFinding({ before: 'in_transit', after: 'exception', shipment: shipment('exception', [moving, event('exception', '2026-03-03T09:00:00Z', 'Package damaged')]) });
    expect(lost).toMatchObject({ key: 'tracking_exception:EZ6000000006', kind: 'tracking_exception', severity: 'critical', suggestedAction: { code: 'contact_carrier' } });
    expect(lost?.detail).toContain('"Package damaged"');
  });

  it('no finding for a status that needs nobody, or when the status did not change', () => {
    for (const after of ['pre_transit', 'in_transit', 'out_for_delivery', 'available_for_pickup', 'delayed', 'delivered', 'cancelled', 'unknown'] as const) {
      expect(trackingFinding({ before: 'in_transit', after, shipment: shipment(after, [moving]) })).toBeNull();
    }
    expect(trackingFinding({ before: 'delivery_failed', after: 'delivery_failed', shipment: shipment('delivery_failed', [moving]) })).toBeNull();
  });

  it('a shipment the hub has no picking for, with no events, still says what happened', () => {
    const bare = { ...shipment('returned_to_sender', []), carrier: null, pickingName: null, pickingId: null, stationId: null };
    expect(trackingFinding({ before: null, after: 'returned_to_sender', shipment: bare })?.detail).toBe('The carrier EZ6000000006 is on its way back to the warehouse.');
  });
});
