/**
 * A picking loaded with progress recorded in the ledger continues where the ledger says, never from "parcel 1, 0
 * scanned": parcels are not packed, bought or printed twice.
 */
import { describe, expect, it } from 'vitest';
import type { LoadedPicking, Parcel, RecordedParcel } from '../../../../app/domain';
import { resumeStage } from '../../../../app/packing/resume';
import { MUG, TEA, labelJob, picking, shipmentFor, startStation } from './packing.fixtures';

/** Parcel 1 holds one mug (of 2 mugs + 1 tea). */
const parcel1: Parcel = { pickingId: 42, index: 1, items: [{ moveId: 11, productId: 101, quantity: 1 }], packageTypeId: 5, weightG: 410 };
const parcel2: Parcel = {
  pickingId: 42,
  index: 2,
  items: [
    { moveId: 11, productId: 101, quantity: 1 },
    { moveId: 12, productId: 102, quantity: 1, serials: ['SN-7'] },
  ],
  packageTypeId: 6,
  weightG: 905,
};

const recorded = (parcel: Parcel, patch: Partial<RecordedParcel> = {}): RecordedParcel => ({
  parcel,
  shipment: shipmentFor(parcel),
  labelJob: labelJob(`job-${parcel.index}`, parcel.index, 'confirmed'),
  printed: true,
  ...patch,
});
const loaded = (parcels: RecordedParcel[], packed = false): LoadedPicking => ({ picking, progress: { parcels, packed } });

describe('packing machine: resuming a picking from the ledger', () => {
  it('continues at parcel 2 with the units of parcel 1 counted, and packs only the rest', async () => {
    const station = startStation({ loadPicking: () => loaded([recorded(parcel1)]) });
    await station.open();
    const view = station.view();
    expect(view.picking?.parcelIndex).toBe(2);
    expect(view.picking?.lines.map((l) => [l.scanned, l.inCurrentParcel])).toEqual([
      [1, 0],
      [0, 0],
    ]);
    expect(view.lastLabel).toEqual({ trackingCode: 'TRK1', parcelIndex: 1, pickingName: picking.name });

    station.scan(MUG, TEA);
    expect(station.state()).toBe('weighing');
    // One mug, one tea and the default box: 600 g expected.
    station.send({ type: 'WEIGHT.STABLE', grams: 605 });
    await station.until('done');
    expect(station.calls.record.map((p) => [p.index, p.items.map((i) => [i.moveId, i.quantity])])).toEqual([
      [
        2,
        [
          [11, 1],
          [12, 1],
        ],
      ],
    ]);
    expect(station.calls.buy.map((p) => p.index)).toEqual([2]);
    expect(station.calls.finish).toEqual([42]);
  });

  it('buys the label of a recorded parcel whose purchase never completed, without recording it again', async () => {
    const station = startStation({ loadPicking: () => loaded([recorded(parcel1, { shipment: null, labelJob: null, printed: false })]) });
    station.scan(picking.name);
    await station.until('packing');
    expect(station.calls.record).toEqual([]);
    expect(station.calls.buy).toEqual([parcel1]);
    expect(station.calls.print.map((p) => p.parcel.index)).toEqual([1]);
    expect(station.view().picking?.parcelIndex).toBe(2);
  });

  it('prints a bought label that never reached the spooler, without buying again', async () => {
    const station = startStation({ loadPicking: () => loaded([recorded(parcel1, { labelJob: null, printed: false })]) });
    station.scan(picking.name);
    await station.until('packing');
    expect(station.calls.buy).toEqual([]);
    expect(station.calls.print.map((p) => [p.parcel.index, p.shipment.trackingCode])).toEqual([[1, 'TRK1']]);
  });

  it('follows a label job still in flight and moves on when the spooler confirms it', async () => {
    const inFlight = labelJob('job-1', 1, 'sent');
    const station = startStation({ spooler: 'hold', loadPicking: () => loaded([recorded(parcel1, { labelJob: inFlight, printed: false })]) });
    station.scan(picking.name);
    await station.until('printing.waiting');
    expect(station.calls.print).toEqual([]);
    station.send({ type: 'PRINT.JOB', job: labelJob('job-1', 1, 'confirmed') });
    await station.until('packing');
    expect(station.view().picking?.parcelIndex).toBe(2);
  });

  it('shows "did it print?" again for a label the spooler could not prove', async () => {
    const uncertain = labelJob('job-1', 1, 'uncertain');
    const station = startStation({ spooler: 'hold', loadPicking: () => loaded([recorded(parcel1, { labelJob: uncertain, printed: false })]) });
    station.scan(picking.name);
    await station.until('printUncertain');
    expect(station.calls.print).toEqual([]);
  });

  it('finishes a picking whose every parcel is labelled (idempotently), straight to done', async () => {
    const station = startStation({ loadPicking: () => loaded([recorded(parcel1), recorded(parcel2)], true) });
    station.scan(picking.name);
    await station.until('done');
    expect(station.calls.record).toEqual([]);
    expect(station.calls.buy).toEqual([]);
    expect(station.calls.print).toEqual([]);
    expect(station.calls.finish).toEqual([42]);
  });

  it('knows a serial packed before the restart: scanning it again is a duplicate', async () => {
    const withSerial: Parcel = { ...parcel1, items: [{ moveId: 12, productId: 102, quantity: 1, serials: ['SN-7'] }] };
    expect(resumeStage(loaded([recorded(withSerial)]))).toBe('packing');
    const station = startStation({ loadPicking: () => loaded([recorded(withSerial)]) });
    await station.open();
    expect(station.actor.getSnapshot().context.tracked).toEqual([{ moveId: 12, parcelIndex: 1, quantity: 1, serial: 'SN-7' }]);
  });
});
