import { SimulatedClock, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { LARGE_BOX, MUG, TEA, picking, startStation } from './packing.fixtures';

describe('packing machine: the normal flow', () => {
  it('packs a single parcel: scan picking, items, weight → record, buy, print, finish, done', async () => {
    const station = startStation();
    expect(station.state()).toBe('idle');
    await station.open();
    expect(station.calls.load).toEqual([picking.name]);
    expect(station.state()).toBe('packing.scanning');

    station.scan(MUG, TEA);
    expect(station.state()).toBe('packing.scanning');
    station.scan(MUG);
    // The last unit closes the parcel by itself.
    expect(station.state()).toBe('weighing');

    station.send({ type: 'WEIGHT.STABLE', grams: 905 });
    await station.until('done');

    const parcel = {
      pickingId: 42,
      index: 1,
      items: [
        { moveId: 11, productId: 101, quantity: 2 },
        { moveId: 12, productId: 102, quantity: 1 },
      ],
      packageTypeId: 5,
      weightG: 905,
    };
    expect(station.calls.record).toEqual([parcel]);
    expect(station.calls.buy).toEqual([parcel]);
    expect(station.calls.print).toHaveLength(1);
    expect(station.calls.print[0]?.shipment.trackingCode).toBe('TRK1');
    expect(station.calls.finish).toEqual([42]);
    expect(station.view().lastLabel).toEqual({ trackingCode: 'TRK1', parcelIndex: 1, pickingName: picking.name });
  });

  it('goes through recordingParcel, buyingLabel, printing and finishing in that order', async () => {
    const station = startStation();
    const seen: string[] = [];
    station.actor.subscribe((s) => {
      const top = typeof s.value === 'string' ? s.value : Object.keys(s.value)[0];
      if (top && seen.at(-1) !== top) seen.push(top);
    });
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    expect(seen).toEqual(['loadingPicking', 'packing', 'weighing', 'recordingParcel', 'buyingLabel', 'printing', 'finishing', 'done']);
  });

  it('splits into parcels with O-BTN.pack, then COMMAND pack, and counts parcel indexes', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, 'O-BTN.pack');
    expect(station.state()).toBe('weighing');
    expect(station.view().expectedWeightG).toBe(400);
    station.send({ type: 'WEIGHT.STABLE', grams: 410 });
    await station.until('packing');
    expect(station.view().picking?.parcelIndex).toBe(2);
    expect(station.view().picking?.lines.map((l) => [l.scanned, l.inCurrentParcel])).toEqual([
      [1, 0],
      [0, 0],
    ]);

    station.scan(MUG);
    station.send({ type: 'COMMAND', action: 'pack' });
    station.send({ type: 'WEIGHT.STABLE', grams: 400 });
    await station.until('packing');
    expect(station.view().picking?.parcelIndex).toBe(3);

    station.scan(TEA);
    expect(station.state()).toBe('weighing');
    station.send({ type: 'WEIGHT.STABLE', grams: 300 });
    await station.until('done');

    expect(station.calls.record.map((p) => [p.index, p.items, p.weightG])).toEqual([
      [1, [{ moveId: 11, productId: 101, quantity: 1 }], 410],
      [2, [{ moveId: 11, productId: 101, quantity: 1 }], 400],
      [3, [{ moveId: 12, productId: 102, quantity: 1 }], 300],
    ]);
    expect(station.calls.print.map((p) => p.shipment.trackingCode)).toEqual(['TRK1', 'TRK2', 'TRK3']);
    expect(station.calls.finish).toEqual([42]);
    expect(station.view().message).toContain('3 parcels');
    expect(station.view().lastLabel).toEqual({ trackingCode: 'TRK3', parcelIndex: 3, pickingName: picking.name });
  });

  it('ignores put-in-pack on an empty parcel', async () => {
    const station = startStation();
    await station.open();
    expect(station.view().actions).toEqual(['cancel']);
    station.scan('O-BTN.pack');
    station.send({ type: 'COMMAND', action: 'pack' });
    expect(station.state()).toBe('packing.scanning');
  });

  it('uses a scanned package type for the tare and the parcel', async () => {
    const station = startStation();
    await station.open();
    station.scan(LARGE_BOX);
    expect(station.state()).toBe('packing.scanning');
    expect(station.view().message).toContain('Large box');
    station.scan(MUG, MUG, TEA);
    // 800 g of products + 400 g large box.
    expect(station.view().expectedWeightG).toBe(1200);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    expect(station.state()).toBe('weightRejected');
    station.send({ type: 'WEIGHT.STABLE', grams: 1190 });
    await station.until('done');
    expect(station.calls.record[0]?.packageTypeId).toBe(6);
  });

  it('accepts the default code as well as the barcode, case-insensitive command barcodes', async () => {
    const station = startStation();
    await station.open();
    station.scan('MUG-01', 'o-btn.PACK');
    expect(station.state()).toBe('weighing');
  });

  it('ignores O-BTN.validate: finishing happens by itself after the last label', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, 'O-BTN.validate');
    expect(station.state()).toBe('packing.scanning');
    expect(station.calls.finish).toEqual([]);
    station.scan(MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    station.scan('O-BTN.validate');
    expect(station.state()).toBe('done');
    expect(station.calls.finish).toEqual([42]);
    expect(station.calls.load).toEqual([picking.name]);
  });

  it('returns from done to idle after the timeout, keeping the last label', async () => {
    const clock = new SimulatedClock();
    const station = startStation({}, { clock, doneTimeoutMs: 10_000 });
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    clock.increment(9_999);
    expect(station.state()).toBe('done');
    clock.increment(1);
    expect(station.state()).toBe('idle');
    expect(station.view().picking).toBeNull();
    expect(station.view().lastLabel?.trackingCode).toBe('TRK1');
  });

  it('loads the next picking straight from done when the packer scans it', async () => {
    const next = { ...picking, id: 43, name: 'WH/OUT/00043' };
    const station = startStation({ loadPicking: (scan) => (scan === next.name ? next : picking) });
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    station.scan(next.name);
    expect(station.state()).toBe('loadingPicking');
    await station.until('packing');
    expect(station.view().picking?.name).toBe(next.name);
    expect(station.view().picking?.lines.every((l) => l.scanned === 0)).toBe(true);
    expect(station.view().picking?.parcelIndex).toBe(1);
  });

  it('reprints the last label from done (the reprint barcode), and follows the reprint job', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    expect(station.view().actions).toEqual(['reprint']);
    expect(station.view().printJob).toMatchObject({ id: 'job-1', state: 'confirmed' });
    station.scan('O-BTN.reprint');
    expect(station.state()).toBe('reprinting');
    await station.until('done');
    expect(station.calls.reprint).toEqual(['job-1']);
    expect(station.calls.print).toHaveLength(1);
    await waitFor(station.actor, (s) => s.context.printJob?.state === 'confirmed');
    expect(station.view().printJob).toMatchObject({ id: 'reprint-1', reprintOf: 'job-1', state: 'confirmed' });
    expect(station.calls.finish).toEqual([42]);
  });

  it('shows a failed reprint on the done screen without reopening the picking', async () => {
    const station = startStation({
      reprintLabel: () => {
        throw new Error('job job-1 is unknown');
      },
    });
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    station.send({ type: 'COMMAND', action: 'reprint' });
    await station.until('done');
    expect(station.view()).toMatchObject({
      state: 'done',
      tone: 'warning',
      message: 'Reprint failed: job job-1 is unknown — press Reprint to try again',
    });
    expect(station.calls.finish).toEqual([42]);
  });
});
