import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import type { OutboxEvent, OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import type { OdooGateway, PickingWork } from '../../../../app/ports';
import { createOdooDeliverer } from '../../../../sync/odoo/odoo.deliverer';
import { parcel } from '../outbox/outbox-fixtures';

interface Faults {
  parcel?: { index: number; error: Error };
  attach?: Map<number, Error>;
  confirm?: Map<number, Error>;
  validate?: Map<number, Error>;
}

/** A gateway whose picking works record what they were asked, and fail where told. */
function recordingGateway(faults: Faults = {}): { gateway: OdooGateway; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const refused = async (): Promise<never> => {
    throw new Error('the deliverer writes through picking works');
  };
  const work = (pickingId: number): PickingWork => ({
    pickingFacts: refused,
    putInPack: async (p, opts) => {
      calls.push(['putInPack', pickingId, p.index, opts?.confirmLater === true]);
      if (faults.parcel?.index === p.index) throw faults.parcel.error;
      return { packageId: 5 };
    },
    addTrackingRefs: async (codes, freight) => void calls.push(['tracking', pickingId, [...codes], ...(freight ? [freight] : [])]),
    voidLabel: async (v) => void calls.push(['void', pickingId, v.trackingCode, v.freight, `${v.stationId}: ${v.reason}`]),
    attachLabels: async (labels) => new Map(labels.map((l, i) => (calls.push(['attach', pickingId, l.name]), [l.name, i + 1]))),
    noteOnce: async (marker) => void calls.push(['note', pickingId, marker]),
  });
  const gateway: OdooGateway = {
    version: async () => ({ serverVersion: '17.0', major: 17 }),
    probe: async () => undefined,
    findPicking: async () => null,
    pickingWorks: async (ids) => {
      calls.push(['works', [...ids]]);
      return {
        works: ids.map(work),
        confirm: async (pickingIds) => {
          calls.push(['confirm', [...pickingIds]]);
          return new Map(pickingIds.map((id) => [id, faults.confirm?.get(id) ?? null]));
        },
        attachLabels: async (labels) => {
          calls.push(['attach', Object.fromEntries([...labels].map(([id, copies]) => [id, copies.map((c) => c.trackingCode)]))]);
          return new Map([...labels.keys()].map((id) => [id, faults.attach?.get(id) ?? null]));
        },
        validate: async (pickingIds) => {
          calls.push(['validate', [...pickingIds]]);
          return new Map(pickingIds.map((id) => [id, faults.validate?.get(id) ?? null]));
        },
      };
    },
  };
  return { gateway, calls };
}

let nextId = 1;
const event = (payload: OutboxPayload): OutboxEvent => {
  const pickingId = payload.type === 'parcel.packed' ? payload.parcel.pickingId : payload.type === 'hub.fact' ? payload.fact.pickingId : payload.pickingId;
  return { id: nextId++, target: 'odoo', orderKey: `picking:${pickingId}`, payload, attempts: 0, answeredFailures: 0, createdAt: 0 };
};
const label = (pickingId: number, index: number): OutboxPayload => ({
  type: 'label.bought',
  pickingId,
  parcelIndex: index,
  shipmentId: `shp_${index}`,
  trackingCode: `TRK${pickingId}-${index}`,
  labelName: `Label-${pickingId}-${index}.zpl`,
  labelZpl: '^XA^XZ',
});
const backlog = (pickingId = 12) => [
  event({ type: 'parcel.packed', parcel: parcel(pickingId, 1) }),
  event(label(pickingId, 1)),
  event({ type: 'parcel.packed', parcel: parcel(pickingId, 2) }),
  event(label(pickingId, 2)),
  event({ type: 'picking.validate', pickingId }),
];

const total = (amount: string, labels: number) => ({ kind: 'total' as const, amount, currency: 'USD', labels });
const voided = (pickingId: number, index: number, freight = total('0.00', 0)): OutboxPayload => ({
  type: 'label.voided',
  pickingId,
  parcelIndex: index,
  shipmentId: `shp_${index}`,
  trackingCode: `TRK${pickingId}-${index}`,
  labelName: `Label-${pickingId}-${index}.zpl`,
  reason: 'duplicate label',
  by: 'station',
  freight,
});

describe('createOdooDeliverer', () => {
  it("delivers a picking's backlog: parcels in order, its labels' codes in one write, their copies, then the validation", async () => {
    const { gateway, calls } = recordingGateway();
    expect(await createOdooDeliverer(gateway).deliverMany(backlog())).toEqual({ done: 5 });
    expect(calls).toEqual([
      ['works', [12]],
      ['putInPack', 12, 1, false],
      ['putInPack', 12, 2, true],
      ['tracking', 12, ['TRK12-1', 'TRK12-2']],
      ['confirm', [12]],
      ['attach', { 12: ['TRK12-1', 'TRK12-2'] }],
      ['validate', [12]],
    ]);
  });

  it('several pickings in one delivery: read together, label copies in one call, validated in one call', async () => {
    const { gateway, calls } = recordingGateway();
    const outcomes = await createOdooDeliverer(gateway).deliverGroups!([backlog(12), backlog(13)]);
    expect(outcomes).toEqual([{ done: 5 }, { done: 5 }]);
    expect(calls[0]).toEqual(['works', [12, 13]]);
    expect(calls.filter((c) => c[0] === 'attach')).toEqual([['attach', { 12: ['TRK12-1', 'TRK12-2'], 13: ['TRK13-1', 'TRK13-2'] }]]);
    expect(calls.filter((c) => c[0] === 'validate')).toEqual([['validate', [12, 13]]]);
  });

  it("one picking's refused validation is its own failure; the other is done", async () => {
    const error = new StationError('REJECTED', 'picking 13 is cancelled in Odoo');
    const { gateway } = recordingGateway({ validate: new Map([[13, error]]) });
    expect(await createOdooDeliverer(gateway).deliverGroups!([backlog(12), backlog(13)])).toEqual([{ done: 5 }, { done: 4, error }]);
  });

  it('a failing parcel stops its picking there: the labels before it are written and copied, the error returned', async () => {
    const error = new StationError('NETWORK', 'refused');
    const { gateway, calls } = recordingGateway({ parcel: { index: 2, error } });
    expect(await createOdooDeliverer(gateway).deliverMany(backlog())).toEqual({ done: 2, error });
    expect(calls).toEqual([['works', [12]], ['putInPack', 12, 1, false], ['putInPack', 12, 2, true], ['tracking', 12, ['TRK12-1']], ['attach', { 12: ['TRK12-1'] }]]);
  });

  it('a last parcel Odoo made no package of is its failure, read back with the other pickings; the rest waits', async () => {
    const error = new StationError('REJECTED', 'Odoo created no package for parcel 2 of picking 13');
    const { gateway, calls } = recordingGateway({ confirm: new Map([[13, error]]) });
    expect(await createOdooDeliverer(gateway).deliverGroups!([backlog(12), backlog(13)])).toEqual([{ done: 5 }, { done: 2, error }]);
    expect(calls.filter((c) => c[0] === 'confirm')).toEqual([['confirm', [12, 13]]]);
    expect(calls.filter((c) => c[0] === 'attach')).toEqual([['attach', { 12: ['TRK12-1', 'TRK12-2'], 13: ['TRK13-1'] }]]);
    expect(calls.filter((c) => c[0] === 'validate')).toEqual([['validate', [12]]]);
  });

  it("a refused label copy is the failure of the picking's first label, and its validation does not run", async () => {
    const error = new StationError('SERVER', '500');
    const { gateway, calls } = recordingGateway({ attach: new Map([[12, error]]) });
    expect(await createOdooDeliverer(gateway).deliverMany(backlog())).toEqual({ done: 1, error });
    expect(calls.map((c) => c[0])).not.toContain('validate');
  });

  it('labels with no validation after them are copied at the end; an unreachable Odoo fails every picking at its head', async () => {
    const { gateway, calls } = recordingGateway();
    expect(await createOdooDeliverer(gateway).deliverMany(backlog().slice(0, 4))).toEqual({ done: 4 });
    expect(calls.at(-1)).toEqual(['attach', { 12: ['TRK12-1', 'TRK12-2'] }]);

    const down = new StationError('NETWORK', 'connection refused');
    gateway.pickingWorks = () => Promise.reject(down);
    expect(await createOdooDeliverer(gateway).deliverGroups!([backlog(12), backlog(13)])).toEqual([
      { done: 0, error: down },
      { done: 0, error: down },
    ]);
  });

  it("a label's freight goes with its tracking code: the last label's total, the one write", async () => {
    const { gateway, calls } = recordingGateway();
    const priced = (index: number, amount: string) => event({ ...label(12, index), freight: total(amount, index) } as OutboxPayload);
    expect(await createOdooDeliverer(gateway).deliverMany([priced(1, '7.58'), priced(2, '13.65')])).toEqual({ done: 2 });
    expect(calls).toContainEqual(['tracking', 12, ['TRK12-1', 'TRK12-2'], total('13.65', 2)]);
  });

  it('a void heads a delivery of its own: the labels before it are written and copied first, the void next time', async () => {
    const { gateway, calls } = recordingGateway();
    const deliverer = createOdooDeliverer(gateway, { stationId: 'bench-1' });
    const events = [event(label(12, 1)), event(voided(12, 1)), event(label(12, 2))];
    expect(await deliverer.deliverMany(events)).toEqual({ done: 1 });
    expect(calls.slice(1)).toEqual([['tracking', 12, ['TRK12-1']], ['attach', { 12: ['TRK12-1'] }]]);

    calls.length = 0;
    expect(await deliverer.deliverMany(events.slice(1))).toEqual({ done: 2 });
    expect(calls.slice(1)).toEqual([
      ['void', 12, 'TRK12-1', total('0.00', 0), 'bench-1: duplicate label'],
      ['tracking', 12, ['TRK12-2']],
      ['attach', { 12: ['TRK12-2'] }],
    ]);
  });

  it('a label.void (the carrier\'s) given to Odoo is refused, not applied', async () => {
    const { gateway } = recordingGateway();
    const shipment = { shipmentId: 'shp_1', trackingCode: 'T1', rate: { id: 'r', carrier: 'USPS', service: 'Priority', rate: '7.58', currency: 'USD' }, label: { format: 'ZPL' as const, dpi: 203 as const, data: '^XA^XZ' } };
    const outcome = await createOdooDeliverer(gateway).deliverMany([
      event({ type: 'label.void', reference: 'WH/OUT/00012#1', pickingId: 12, pickingName: 'WH/OUT/00012', parcelIndex: 1, reason: 'r', shipment }),
    ]);
    expect(outcome.done).toBe(0);
    expect((outcome.error as StationError).code).toBe('REJECTED');
  });
});
