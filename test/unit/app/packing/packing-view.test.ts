import { describe, expect, it } from 'vitest';
import { PackingViewSchema } from '../../../../app/domain';
import { statePath } from '../../../../app/packing/packing.view';
import { LARGE_BOX, MUG, NOT_IN_PICKING, TEA, gate, picking, shipmentFor, startStation } from './packing.fixtures';

describe('toPackingView', () => {
  it('idle: asks for a picking, offers nothing, and matches the IPC schema', () => {
    const view = startStation().view();
    expect(view).toEqual({
      state: 'idle',
      message: 'Scan a picking',
      say: { key: 'packing.idle', params: {} },
      tone: 'info',
      picking: null,
      weight: null,
      expectedWeightG: null,
      lastLabel: null,
      printJob: null,
      notice: null,
      noticeSay: null,
      actions: [],
    });
    expect(PackingViewSchema.parse(view)).toEqual(view);
  });

  it('loadingPicking: names what is being loaded and offers cancel', () => {
    const station = startStation();
    station.scan(picking.name);
    expect(station.view()).toMatchObject({ state: 'loadingPicking', message: `Loading ${picking.name}…`, tone: 'progress', actions: ['cancel'] });
  });

  it('packing: lines with expected, scanned and in-current-parcel counts', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG);
    const view = station.view();
    expect(view).toMatchObject({ state: 'packing.scanning', tone: 'info', actions: ['pack', 'cancel'], expectedWeightG: 400 });
    expect(view.message).toBe('Scan the items (1 of 3 scanned)');
    expect(view.picking).toEqual({
      id: 42,
      name: picking.name,
      partnerName: 'Ada Lovelace',
      carrierName: 'EasyPost',
      parcelIndex: 1,
      lines: [
        { moveId: 11, productName: 'Mug', barcode: MUG, expected: 2, scanned: 1, inCurrentParcel: 1 },
        { moveId: 12, productName: 'Tea', barcode: null, expected: 1, scanned: 0, inCurrentParcel: 0 },
      ],
    });
    expect(PackingViewSchema.parse(view)).toEqual(view);
  });

  it('scan errors: clear instructions with the scanned code or product', async () => {
    const station = startStation();
    await station.open();
    station.scan('ABC-999');
    expect(station.view()).toMatchObject({ state: 'packing.unknownBarcode', tone: 'error', message: `Unknown barcode ABC-999: scan an item of ${picking.name}` });
    station.scan(NOT_IN_PICKING);
    expect(station.view().message).toBe(`Wrong product ${NOT_IN_PICKING}: it is not in ${picking.name} — put it aside`);
    station.scan(TEA, TEA);
    expect(station.view().message).toBe('Too many Tea: all 1 already scanned — put the extra one aside');
  });

  it('shows the scanned box and the parcel number from the second parcel on', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, 'O-BTN.pack');
    station.send({ type: 'WEIGHT.STABLE', grams: 400 });
    await station.until('packing');
    station.scan(LARGE_BOX);
    expect(station.view().message).toBe('Parcel 2: scan the items (1 of 3 scanned, box Large box)');
  });

  it('weighing and weightRejected: expected weight and the accepted band', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, MUG, TEA);
    expect(station.view()).toMatchObject({ state: 'weighing', message: 'Put the box on the scale', expectedWeightG: 900, actions: ['cancel'] });
    station.send({ type: 'DEVICE.CHANGED', device: 'scale', state: 'silent' });
    expect(station.view()).toMatchObject({ tone: 'warning', message: 'Scale not answering — check the cable; waiting…' });
    station.send({ type: 'DEVICE.CHANGED', device: 'scale', state: 'connected' });
    station.send({ type: 'WEIGHT.STABLE', grams: 1520 });
    expect(station.view()).toMatchObject({
      state: 'weightRejected',
      tone: 'error',
      message: 'Weight 1.520 kg is outside 810 g–990 g: check the box contents',
    });
  });

  it('progress states while effects run, then done with the last label', async () => {
    const [recorded, bought, finished] = [gate(), gate(), gate()];
    const station = startStation({
      recordParcel: () => recorded.promise,
      buyLabel: async (parcel) => {
        await bought.promise;
        return shipmentFor(parcel);
      },
      spooler: 'hold',
      finishPicking: () => finished.promise,
    });
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    expect(station.view()).toMatchObject({ state: 'recordingParcel', message: 'Saving parcel 1…', tone: 'progress', actions: [] });
    recorded.open();
    await station.until('buyingLabel');
    expect(station.view().message).toBe('Buying the label for parcel 1…');
    bought.open();
    await station.until('printing.waiting');
    expect(station.view()).toMatchObject({ state: 'printing.waiting', message: 'Printing the label for parcel 1…', actions: [] });
    station.report('job-1', 'sending');
    expect(station.view().printJob).toMatchObject({ id: 'job-1', state: 'sending' });
    station.report('job-1', 'confirmed');
    await station.until('finishing');
    expect(station.view()).toMatchObject({ message: `Finishing ${picking.name}…`, tone: 'progress' });
    finished.open();
    await station.until('done');
    const view = station.view();
    expect(view).toMatchObject({
      state: 'done',
      tone: 'success',
      message: `${picking.name} packed in 1 parcel — scan the next picking`,
      lastLabel: { trackingCode: 'TRK1', parcelIndex: 1, pickingName: picking.name },
      actions: ['reprint'],
    });
    expect(PackingViewSchema.parse(view)).toEqual(view);
  });

  it('printer fault: the spooler instruction, and that it prints by itself', async () => {
    const station = startStation({ spooler: 'hold' });
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('printing.waiting');
    station.report('job-1', 'queued', { detail: 'Paper out: load labels and close the head', heldBy: ['paper_out'] });
    expect(station.view()).toMatchObject({
      state: 'printerFault',
      tone: 'error',
      message: 'Paper out: load labels and close the head — the label prints by itself when fixed',
      lastLabel: { trackingCode: 'TRK1' },
      printJob: { id: 'job-1', state: 'queued', detail: 'Paper out: load labels and close the head', heldBy: ['paper_out'] },
      actions: [],
    });
    expect(PackingViewSchema.parse(station.view())).toEqual(station.view());
  });

  it('statePath flattens nested state values', () => {
    expect(statePath('idle')).toBe('idle');
    expect(statePath({ packing: 'wrongProduct' })).toBe('packing.wrongProduct');
    expect(statePath({ a: { b: 'c' } })).toBe('a.b.c');
  });
});
