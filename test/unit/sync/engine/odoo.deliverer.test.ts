import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import type { OutboxEvent, OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import type { OdooGateway, PickingWork } from '../../../../app/ports';
import { createOdooDeliverer } from '../../../../sync/odoo/odoo.deliverer';
import { parcel } from '../outbox/outbox-fixtures';

/** A gateway whose picking works record what they were asked, and fail where told (by method). */
function recordingGateway(fail?: { method: string; error: Error }): { gateway: OdooGateway; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const call = (method: string, ...args: unknown[]) => {
    calls.push([method, ...args]);
    if (fail?.method === method) throw fail.error;
  };
  const refused = async (): Promise<never> => {
    throw new Error('the deliverer writes through a picking work');
  };
  const gateway: OdooGateway = {
    version: async () => ({ serverVersion: '17.0', major: 17 }),
    probe: async () => undefined,
    findPicking: async () => null,
    putInPack: refused,
    addTrackingRef: refused,
    attachLabel: refused,
    validate: refused,
    pickingWork: async (pickingId) => {
      call('work', pickingId);
      const work: PickingWork = {
        pickingFacts: async () => {
          throw new Error('no conflict check configured');
        },
        putInPack: async (p) => (call('putInPack', p.index), { packageId: 5 }),
        addLabels: async (labels) => call('addLabels', labels.map((l) => l.trackingCode)),
        validate: async () => call('validate', pickingId),
      };
      return work;
    },
  };
  return { gateway, calls };
}

let nextId = 1;
const event = (payload: OutboxPayload): OutboxEvent => ({ id: nextId++, target: 'odoo', orderKey: 'picking:12', payload, attempts: 0, answeredFailures: 0, createdAt: 0 });
const label = (index: number): OutboxPayload => ({
  type: 'label.bought',
  pickingId: 12,
  parcelIndex: index,
  shipmentId: `shp_${index}`,
  trackingCode: `TRK${index}`,
  labelName: `Label-WH-OUT-00012-${index}-TRK${index}.zpl`,
  labelZpl: '^XA^XZ',
});
const backlog = () => [
  event({ type: 'parcel.packed', parcel: parcel(12, 1) }),
  event(label(1)),
  event({ type: 'parcel.packed', parcel: parcel(12, 2) }),
  event(label(2)),
  event({ type: 'picking.validate', pickingId: 12 }),
];

describe('createOdooDeliverer', () => {
  it("delivers a picking's backlog in one work: parcels in order, the labels' writes together before the validation", async () => {
    const { gateway, calls } = recordingGateway();
    const events = backlog();
    expect(await createOdooDeliverer(gateway).deliverMany(events)).toEqual({ done: 5 });
    expect(calls).toEqual([['work', 12], ['putInPack', 1], ['putInPack', 2], ['addLabels', ['TRK1', 'TRK2']], ['validate', 12]]);
  });

  it('labels with no validation after them are written at the end of the batch', async () => {
    const { gateway, calls } = recordingGateway();
    expect(await createOdooDeliverer(gateway).deliverMany(backlog().slice(0, 4))).toEqual({ done: 4 });
    expect(calls.at(-1)).toEqual(['addLabels', ['TRK1', 'TRK2']]);
  });

  it('a failing parcel stops the batch there: the labels before it are written, the prefix acknowledged, the error returned', async () => {
    const error = new StationError('NETWORK', 'refused');
    let n = 0;
    const { gateway, calls } = recordingGateway();
    const inner = gateway.pickingWork.bind(gateway);
    gateway.pickingWork = async (id) => {
      const work = await inner(id);
      return { ...work, putInPack: async (p) => (++n === 2 ? Promise.reject(error) : work.putInPack(p)) };
    };
    expect(await createOdooDeliverer(gateway).deliverMany(backlog())).toEqual({ done: 2, error });
    expect(calls).toEqual([['work', 12], ['putInPack', 1], ['addLabels', ['TRK1']]]);
  });

  it("a failing labels' write is the failure of the first label in it, and the validation does not run", async () => {
    const error = new StationError('SERVER', '500');
    const { gateway, calls } = recordingGateway({ method: 'addLabels', error });
    expect(await createOdooDeliverer(gateway).deliverMany(backlog())).toEqual({ done: 1, error });
    expect(calls.map((c) => c[0])).toEqual(['work', 'putInPack', 'putInPack', 'addLabels']);
  });

  it('takes only the events of the head’s picking, and reports an unreachable Odoo as the head’s failure', async () => {
    const { gateway, calls } = recordingGateway();
    const other = { ...event({ type: 'picking.validate', pickingId: 13 }) };
    expect(await createOdooDeliverer(gateway).deliverMany([event({ type: 'picking.validate', pickingId: 12 }), other])).toEqual({ done: 1 });
    expect(calls).toEqual([['work', 12], ['validate', 12]]);

    const down = new StationError('NETWORK', 'connection refused');
    gateway.pickingWork = () => Promise.reject(down);
    expect(await createOdooDeliverer(gateway).deliverMany(backlog())).toEqual({ done: 0, error: down });
  });
});
