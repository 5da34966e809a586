import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import type { OutboxEvent, OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import type { OdooGateway } from '../../../../app/ports';
import { createOdooDeliverer } from '../../../../sync/odoo/odoo.deliverer';
import { parcel } from '../outbox/outbox-fixtures';

function recordingGateway(fail?: { method: string; error: Error }): { gateway: OdooGateway; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const call = (method: string, ...args: unknown[]) => {
    calls.push([method, ...args]);
    if (fail?.method === method) throw fail.error;
  };
  const gateway: OdooGateway = {
    version: async () => ({ serverVersion: '17.0', major: 17 }),
    probe: async () => undefined,
    findPicking: async () => null,
    putInPack: async (p) => (call('putInPack', p), { packageId: 5 }),
    addTrackingRef: async (id, code) => call('addTrackingRef', id, code),
    attachLabel: async (id, name, zpl) => (call('attachLabel', id, name, zpl), { attachmentId: 9 }),
    validate: async (id) => call('validate', id),
  };
  return { gateway, calls };
}

const event = (payload: OutboxPayload): OutboxEvent => ({ id: 1, target: 'odoo', orderKey: 'picking:12', payload, attempts: 0, answeredFailures: 0, createdAt: 0 });
const labelBought: OutboxPayload = {
  type: 'label.bought',
  pickingId: 12,
  parcelIndex: 1,
  shipmentId: 'shp_1',
  trackingCode: 'TRK',
  labelName: 'Label-WH-OUT-00012-1-TRK.zpl',
  labelZpl: '^XA^XZ',
};

describe('createOdooDeliverer', () => {
  it('maps each event to its gateway calls', async () => {
    const { gateway, calls } = recordingGateway();
    const deliver = createOdooDeliverer(gateway);
    await deliver(event({ type: 'parcel.packed', parcel: parcel(12, 1) }));
    await deliver(event(labelBought));
    await deliver(event({ type: 'picking.validate', pickingId: 12 }));
    expect(calls).toEqual([
      ['putInPack', parcel(12, 1)],
      ['addTrackingRef', 12, 'TRK'],
      ['attachLabel', 12, 'Label-WH-OUT-00012-1-TRK.zpl', '^XA^XZ'],
      ['validate', 12],
    ]);
  });

  it('propagates the gateway error so the engine can decide, and stops the label event at the failing step', async () => {
    const error = new StationError('NETWORK', 'refused');
    const { gateway, calls } = recordingGateway({ method: 'addTrackingRef', error });
    await expect(createOdooDeliverer(gateway)(event(labelBought))).rejects.toBe(error);
    expect(calls.map((c) => c[0])).toEqual(['addTrackingRef']);
  });
});
