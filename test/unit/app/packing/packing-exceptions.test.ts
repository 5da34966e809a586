import { createActor, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import { packingMachine } from '../../../../app/packing/packing.machine';
import { MUG, NOT_IN_PICKING, TEA, gate, picking, shipmentFor, startStation } from './packing.fixtures';

/** Scan everything and put a plausible box on the scale: the machine goes on to record, buy and print. */
async function packAll(station: ReturnType<typeof startStation>) {
  await station.open();
  station.scan(MUG, MUG, TEA);
  station.send({ type: 'WEIGHT.STABLE', grams: 900 });
}

describe('packing machine: scan errors', () => {
  it('shows an unknown barcode, then carries on with the next scan', async () => {
    const station = startStation();
    await station.open();
    station.scan('HELLO-123');
    expect(station.state()).toBe('packing.unknownBarcode');
    // A digit string with a wrong check digit is not a product barcode either.
    station.scan('5901234123458');
    expect(station.state()).toBe('packing.unknownBarcode');
    station.scan(MUG);
    expect(station.state()).toBe('packing.scanning');
    expect(station.view().picking?.lines[0]?.scanned).toBe(1);
  });

  it('tells a product of another order (valid EAN) from an unknown code', async () => {
    const station = startStation();
    await station.open();
    station.scan(NOT_IN_PICKING);
    expect(station.state()).toBe('packing.wrongProduct');
    expect(station.view().picking?.lines.every((l) => l.scanned === 0)).toBe(true);
  });

  it('refuses one unit too many and does not count it', async () => {
    const station = startStation();
    await station.open();
    station.scan(TEA, TEA);
    expect(station.state()).toBe('packing.overQuantity');
    expect(station.view().picking?.lines[1]?.scanned).toBe(1);
    station.scan(MUG);
    expect(station.state()).toBe('packing.scanning');
  });

  it('still closes the parcel when the last item is scanned from an error state', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, MUG, 'junk');
    expect(station.state()).toBe('packing.unknownBarcode');
    station.scan(TEA);
    expect(station.state()).toBe('weighing');
  });
});

describe('packing machine: weight', () => {
  it('rejects an implausible weight, then accepts a plausible one', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 1520 });
    expect(station.state()).toBe('weightRejected');
    station.send({ type: 'WEIGHT.STABLE', grams: 700 });
    expect(station.state()).toBe('weightRejected');
    expect(station.calls.record).toEqual([]);
    station.send({ type: 'WEIGHT.STABLE', grams: 950 });
    await station.until('done');
    expect(station.calls.record[0]?.weightG).toBe(950);
  });

  it('ignores an empty scale while weighing; lifting a rejected box goes back to weighing', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 0 });
    station.send({ type: 'WEIGHT.STABLE', grams: -3 });
    expect(station.state()).toBe('weighing');
    station.send({ type: 'WEIGHT.STABLE', grams: 2000 });
    expect(station.state()).toBe('weightRejected');
    station.send({ type: 'WEIGHT.STABLE', grams: 0 });
    expect(station.state()).toBe('weighing');
  });

  it('accepts any positive weight when a product has no weight in Odoo', async () => {
    const unweighed = { ...picking, lines: picking.lines.map((l) => ({ ...l, unitWeightG: l.moveId === 12 ? 0 : l.unitWeightG })) };
    const station = startStation({ loadPicking: () => unweighed });
    await station.open();
    station.scan(MUG, MUG, TEA);
    expect(station.view().expectedWeightG).toBeNull();
    station.send({ type: 'WEIGHT.STABLE', grams: 5000 });
    await station.until('done');
  });
});

describe('packing machine: failing effects', () => {
  it('carrier failure → retry succeeds', async () => {
    const station = startStation({
      buyLabel: (parcel, call) => {
        if (call === 1) throw new StationError('NETWORK', 'carrier unreachable');
        return { ...shipmentFor(parcel), trackingCode: `RETRY${parcel.index}` };
      },
    });
    await packAll(station);
    await station.until('carrierFailed');
    expect(station.view()).toMatchObject({ tone: 'error', actions: ['retry', 'cancel'] });
    expect(station.view().message).toBe('Carrier failed: carrier unreachable — press Retry or Cancel');
    station.send({ type: 'COMMAND', action: 'retry' });
    await station.until('done');
    expect(station.calls.record).toHaveLength(1);
    expect(station.calls.buy).toHaveLength(2);
    expect(station.view().lastLabel?.trackingCode).toBe('RETRY1');
  });

  it('carrier failure → cancel returns to idle and prints or finishes nothing', async () => {
    const station = startStation({
      buyLabel: () => {
        throw new StationError('REJECTED', 'address invalid');
      },
    });
    await packAll(station);
    await station.until('carrierFailed');
    station.scan('O-BTN.cancel');
    expect(station.state()).toBe('idle');
    expect(station.calls.print).toEqual([]);
    expect(station.calls.finish).toEqual([]);
    expect(station.view().picking).toBeNull();
  });

  it('a label the spooler could not store → printer fault; retry submits it again', async () => {
    const station = startStation({
      submitLabel: (_, call) => {
        if (call === 1) throw new StationError('DEVICE', 'print queue unavailable');
      },
    });
    await packAll(station);
    await station.until('printerFault');
    expect(station.view().message).toBe('Printer fault: print queue unavailable — fix and press Retry');
    expect(station.view().actions).toEqual(['retry', 'cancel']);
    station.scan('O-BTN.retry');
    await station.until('done');
    expect(station.calls.print.map((p) => p.jobId)).toEqual([null, 'job-2']);
    expect(station.calls.buy).toHaveLength(1);
  });

  it('record failure → retry; finish failure → retry', async () => {
    const station = startStation({
      recordParcel: (_, call) => {
        if (call === 1) throw new Error('SQLITE_BUSY');
      },
      finishPicking: (_, call) => {
        if (call === 1) throw new Error('disk full');
      },
    });
    await packAll(station);
    await station.until('recordFailed');
    expect(station.view().message).toBe('Could not save parcel 1: SQLITE_BUSY — press Retry');
    station.send({ type: 'COMMAND', action: 'retry' });
    await station.until('finishFailed');
    expect(station.view().message).toContain('disk full');
    station.send({ type: 'COMMAND', action: 'retry' });
    await station.until('done');
    expect(station.calls.finish).toEqual([42, 42]);
  });
});

describe('packing machine: loading and cancelling', () => {
  it('load failure shows the message; retry reloads; another scan loads that one', async () => {
    const station = startStation({
      loadPicking: (scan, call) => {
        if (call === 1) throw new StationError('NETWORK', `Odoo is unreachable and "${scan}" is not cached`);
        if (scan === 'NOPE') throw new StationError('NOT_FOUND', 'No open picking "NOPE" in Odoo');
        return picking;
      },
    });
    station.scan(picking.name);
    await station.until('loadFailed');
    expect(station.view().message).toBe(`Odoo is unreachable and "${picking.name}" is not cached — scan another picking or press Retry`);
    expect(station.view().actions).toEqual(['retry', 'cancel']);
    station.send({ type: 'COMMAND', action: 'retry' });
    await station.until('packing');
    station.scan('O-BTN.cancel');
    station.scan('NOPE');
    await station.until('loadFailed');
    station.scan(picking.name);
    await station.until('packing');
    expect(station.calls.load).toEqual([picking.name, picking.name, 'NOPE', picking.name]);
  });

  it('refuses a picking that is already done', async () => {
    const station = startStation({ loadPicking: () => ({ ...picking, state: 'done' }) });
    station.scan(picking.name);
    await station.until('loadFailed');
    expect(station.view().message).toContain('WH/OUT/00042 is already done');
  });

  it('cancel mid-pack (barcode or button) returns to idle and records nothing', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG);
    station.scan('O-BTN.cancel');
    expect(station.state()).toBe('idle');
    await station.open();
    expect(station.view().picking?.lines[0]?.scanned).toBe(0);
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 3000 });
    station.send({ type: 'COMMAND', action: 'cancel' });
    expect(station.state()).toBe('idle');
    expect(station.calls.record).toEqual([]);
  });

  it('cancel while loading returns to idle and drops the late answer', async () => {
    const answer = gate<typeof picking>();
    const station = startStation({ loadPicking: () => answer.promise });
    station.scan(picking.name);
    station.send({ type: 'COMMAND', action: 'cancel' });
    expect(station.state()).toBe('idle');
    answer.open(picking);
    await answer.promise;
    await Promise.resolve();
    expect(station.state()).toBe('idle');
    expect(station.view().picking).toBeNull();
  });

  it('ignores command barcodes and blank scans in idle', () => {
    const station = startStation();
    station.scan('O-BTN.pack', 'O-BTN.cancel', '   ');
    expect(station.state()).toBe('idle');
    expect(station.calls.load).toEqual([]);
  });

  it('keeps device and live weight updates for the view in every state', async () => {
    const station = startStation();
    station.send({ type: 'DEVICE.CHANGED', device: 'scanner', state: 'disconnected', detail: 'ENOENT /dev/ttyUSB1' });
    expect(station.view()).toMatchObject({ tone: 'warning', message: expect.stringContaining('scanner disconnected (ENOENT /dev/ttyUSB1)') });
    await station.open();
    station.send({ type: 'WEIGHT.READING', reading: { grams: 12, stable: false, at: 1 } });
    expect(station.view().weight).toEqual({ grams: 12, stable: false, at: 1 });
    expect(station.state()).toBe('packing.scanning');
  });

  it('default actors reject with a "not provided" error', async () => {
    const actor = createActor(packingMachine, { input: { weightTolerancePct: 10, weightToleranceG: 50 } }).start();
    actor.send({ type: 'SCAN.RECEIVED', code: 'WH/OUT/1' });
    const snapshot = await waitFor(actor, (s) => s.matches('loadFailed'));
    expect(snapshot.context.error).toMatch(/packing actor "loadPicking" not provided/);
  });
});
