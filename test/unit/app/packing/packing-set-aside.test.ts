/**
 * A parcel the carrier desk refuses goes aside: the packer is told why and what to do, scans the next picking at once,
 * and the refused picking resumes at buying its label when it is scanned again.
 */
import { describe, expect, it } from 'vitest';
import { CarrierExceptionKindSchema, PackingViewSchema } from '../../../../app/domain';
import type { CarrierExceptionKind, Parcel, Picking } from '../../../../app/domain';
import { StationError } from '../../../../app/domain/errors';
import { MUG, TEA, gate, picking, shipmentFor, startStation } from './packing.fixtures';

const refused = (kind: CarrierExceptionKind, exceptionId?: number) =>
  new StationError(kind === 'carrier_down' ? 'NETWORK' : 'REJECTED', `carrier refused: ${kind}`, {
    detail: {
      carrierException: { kind, detail: `the desk says ${kind}.`, suggestedAction: `Do what ${kind} needs.` },
      ...(exceptionId === undefined ? {} : { exceptionId }),
    },
  });

const other: Picking = { ...picking, id: 43, name: 'WH/OUT/00043', origin: 'S00043' };
const byScan = (scan: string): Picking => (scan === other.name ? other : picking);

async function packAll(station: ReturnType<typeof startStation>) {
  await station.open();
  station.scan(MUG, MUG, TEA);
  station.send({ type: 'WEIGHT.STABLE', grams: 900 });
}

describe('packing machine: a parcel the carrier desk refuses is set aside', () => {
  it.each(CarrierExceptionKindSchema.options)('%s: tells the packer to set the parcel aside, why, and what to do', async (kind) => {
    const station = startStation({ buyLabel: () => Promise.reject(refused(kind, 7)) });
    await packAll(station);
    await station.until('setAside');
    const view = station.view();
    expect(view).toMatchObject({
      state: 'setAside',
      tone: 'warning',
      message: `Set parcel 1 of WH/OUT/00042 aside: the desk says ${kind}. Do what ${kind} needs. Scan the next picking.`,
      setAside: { kind, pickingName: 'WH/OUT/00042', parcelIndex: 1, exceptionId: 7 },
      actions: ['cancel'],
    });
    expect(PackingViewSchema.parse(view)).toEqual(view);
    // Recorded, not labelled, not printed, not finished.
    expect(station.calls.record).toHaveLength(1);
    expect(station.calls.print).toEqual([]);
    expect(station.calls.finish).toEqual([]);
  });

  it('a refusal without an exception id still sets the parcel aside', async () => {
    const station = startStation({ buyLabel: () => Promise.reject(refused('address_invalid')) });
    await packAll(station);
    await station.until('setAside');
    expect(station.view().setAside).toMatchObject({ kind: 'address_invalid', exceptionId: null });
  });

  it.each([
    ['a refusal the desk did not explain', new StationError('REJECTED', 'the carrier platform offered no rate for this shipment')],
    ['an unknown exception kind', new StationError('REJECTED', 'odd', { detail: { carrierException: { kind: 'lost', detail: 'd', suggestedAction: 'a' } } })],
    ['an outage shorter than the limit', new StationError('NETWORK', 'connect ECONNREFUSED 127.0.0.1:9')],
    ['a plain Error carrying the same detail', Object.assign(new Error('not a StationError'), { detail: refused('weight_limit').detail })],
  ])('%s stays carrierFailed with Retry', async (_, error) => {
    const station = startStation({ buyLabel: () => Promise.reject(error) });
    await packAll(station);
    await station.until('carrierFailed');
    expect(station.view()).toMatchObject({ actions: ['retry', 'cancel'], message: `Carrier failed: ${error.message} — press Retry or Cancel` });
    expect(station.view().setAside).toBeUndefined();
  });

  it('the next picking is scanned at once and packed; the set-aside message is gone', async () => {
    const station = startStation({
      loadPicking: byScan,
      buyLabel: (parcel: Parcel) => (parcel.pickingId === picking.id ? Promise.reject(refused('price_ceiling', 3)) : shipmentFor(parcel)),
    });
    await packAll(station);
    await station.until('setAside');
    station.scan(other.name);
    await station.until('packing');
    expect(station.calls.load).toEqual([picking.name, other.name]);
    expect(station.view()).toMatchObject({ picking: { name: other.name, parcelIndex: 1 } });
    expect(station.view().setAside).toBeUndefined();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    expect(station.calls.finish).toEqual([other.id]);
  });

  it('a picking scanned while the purchase was in flight is loaded as soon as the parcel is set aside', async () => {
    const purchase = gate();
    const station = startStation({ loadPicking: byScan, buyLabel: () => purchase.promise.then(() => Promise.reject(refused('data_missing', 1))) });
    await packAll(station);
    await station.until('buyingLabel');
    station.scan(other.name);
    purchase.open();
    await station.until('packing');
    expect(station.view().picking?.name).toBe(other.name);
  });

  it('Cancel leaves the set-aside screen for idle', async () => {
    const station = startStation({ buyLabel: () => Promise.reject(refused('service_unavailable', 2)) });
    await packAll(station);
    await station.until('setAside');
    station.send({ type: 'COMMAND', action: 'cancel' });
    expect(station.state()).toBe('idle');
    expect(station.view().setAside).toBeUndefined();
  });

  it('names the parcel that was refused: parcel 2 of a picking whose parcel 1 got its label', async () => {
    const station = startStation({ buyLabel: (parcel: Parcel) => (parcel.index === 2 ? Promise.reject(refused('weight_limit', 9)) : shipmentFor(parcel)) });
    await station.open();
    station.scan(MUG);
    station.send({ type: 'COMMAND', action: 'pack' });
    station.send({ type: 'WEIGHT.STABLE', grams: 400 });
    await station.until('packing');
    station.scan(MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 600 });
    await station.until('setAside');
    expect(station.view().message).toBe('Set parcel 2 of WH/OUT/00042 aside: the desk says weight_limit. Do what weight_limit needs. Scan the next picking.');
    expect(station.view().lastLabel).toMatchObject({ trackingCode: 'TRK1', parcelIndex: 1 });
  });

  it('scanned again later, the picking resumes at buying the label of the parcel set aside, then prints and finishes', async () => {
    const station = startStation({
      // The second load is what the ledger then holds: parcel 1 recorded, no label.
      loadPicking: (_, call) =>
        call === 1 ? picking : { picking, progress: { packed: false, parcels: [{ parcel: station.calls.record[0]!, shipment: null, labelJob: null, printed: false }] } },
      buyLabel: (parcel, call) => (call === 1 ? Promise.reject(refused('address_invalid', 4)) : shipmentFor(parcel)),
    });
    await packAll(station);
    await station.until('setAside');
    station.scan(picking.name);
    await station.until('done');
    expect(station.calls.record).toHaveLength(1);
    expect(station.calls.buy.map((p) => p.index)).toEqual([1, 1]);
    expect(station.calls.print).toHaveLength(1);
    expect(station.calls.finish).toEqual([picking.id]);
  });

  it('refused again on the rescan, the parcel is set aside again', async () => {
    const station = startStation({
      loadPicking: (_, call) =>
        call === 1 ? picking : { picking, progress: { packed: false, parcels: [{ parcel: station.calls.record[0]!, shipment: null, labelJob: null, printed: false }] } },
      buyLabel: () => Promise.reject(refused('price_ceiling', 5)),
    });
    await packAll(station);
    await station.until('setAside');
    station.scan(picking.name);
    await station.until('buyingLabel');
    await station.until('setAside');
    expect(station.calls.buy).toHaveLength(2);
    expect(station.view().setAside).toMatchObject({ kind: 'price_ceiling', parcelIndex: 1, exceptionId: 5 });
  });
});
