import { describe, expect, it } from 'vitest';
import { PackingViewSchema } from '../../../../app/domain';
import { AlertTrack } from '../../../../app/packing/alert';
import { toPackingView } from '../../../../app/packing/packing.view';
import { MUG, NOT_IN_PICKING, TEA, picking, startStation } from './packing.fixtures';

/** A station whose views carry alerts, as the core builds them; `scan` counts each scan the way the scan intake does. */
function alertingStation(fakes: Parameters<typeof startStation>[0] = {}) {
  let now = 10_000;
  const track = new AlertTrack(() => now);
  const station = startStation(fakes);
  const view = () => toPackingView(station.actor.getSnapshot(), track);
  const scan = (...codes: string[]) =>
    codes.forEach((code) => {
      track.scanArrived();
      station.scan(code);
      view();
    });
  const later = (ms: number) => {
    now += ms;
  };
  return { ...station, track, view, scan, later };
}

describe('alerts on the packing view', () => {
  it('scan errors: kind, whether the packer must act, and a view that still matches the IPC schema', async () => {
    const station = alertingStation();
    await station.open();
    expect(station.view().alert).toBeNull();
    station.scan(NOT_IN_PICKING);
    expect(station.view().alert).toEqual({ kind: 'wrongItem', at: 10_000, mustAct: true });
    expect(PackingViewSchema.parse(station.view())).toEqual(station.view());
    station.scan('ABC-999');
    expect(station.view().alert).toMatchObject({ kind: 'unknownBarcode', mustAct: false });
    station.scan(TEA, TEA);
    expect(station.view().alert).toMatchObject({ kind: 'overQuantity', mustAct: true });
    // The right item fixes it: no alert any more.
    station.scan(MUG);
    expect(station.view().alert).toBeNull();
  });

  it('the same wrong item scanned twice is two occurrences; a scale reading in between is not one', async () => {
    const station = alertingStation();
    await station.open();
    station.scan(NOT_IN_PICKING);
    const first = station.view().alert!;
    station.later(5);
    station.send({ type: 'WEIGHT.READING', reading: { grams: 12, stable: false, at: 1 } });
    expect(station.view().alert).toEqual(first);
    station.scan(NOT_IN_PICKING);
    const second = station.view().alert!;
    expect(second.kind).toBe('wrongItem');
    expect(second.at).toBeGreaterThan(first.at);
  });

  it('an acknowledged alert leaves the view until the next occurrence', async () => {
    const station = alertingStation();
    await station.open();
    expect(station.track.acknowledge()).toBe(false);
    station.scan(NOT_IN_PICKING);
    expect(station.track.acknowledge()).toBe(true);
    expect(station.view().alert).toBeNull();
    expect(station.track.acknowledge()).toBe(false);
    station.scan(NOT_IN_PICKING);
    expect(station.view().alert).toMatchObject({ kind: 'wrongItem', mustAct: true });
  });

  it('an implausible weight must be acted on; each different weight is a new occurrence', async () => {
    const station = alertingStation();
    await station.open();
    station.scan(MUG, MUG, TEA);
    await station.until('weighing');
    station.send({ type: 'WEIGHT.STABLE', grams: 1520 });
    const first = station.view().alert!;
    expect(first).toMatchObject({ kind: 'weightImplausible', mustAct: true });
    station.later(1);
    station.send({ type: 'WEIGHT.STABLE', grams: 1700 });
    expect(station.view().alert!.at).toBeGreaterThan(first.at);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    expect(station.view().alert).toBeNull();
  });

  it('a scan refused while no error stands is heard once; one refused during an error raises the error again', async () => {
    const station = alertingStation();
    await station.open();
    station.scan(MUG, MUG, TEA);
    await station.until('weighing');
    station.scan(MUG);
    expect(station.view()).toMatchObject({ state: 'weighing', alert: { kind: 'otherError', mustAct: false } });
    station.send({ type: 'WEIGHT.STABLE', grams: 1520 });
    const rejected = station.view().alert!;
    expect(rejected.kind).toBe('weightImplausible');
    station.later(1);
    station.scan(MUG);
    expect(station.view().alert).toMatchObject({ kind: 'weightImplausible' });
    expect(station.view().alert!.at).toBeGreaterThan(rejected.at);
  });

  it('a printer fault holding the label, and a carrier that failed, must be acted on', async () => {
    const station = alertingStation({ spooler: 'hold', buyLabel: () => Promise.reject(new Error('carrier timeout')) });
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('carrierFailed');
    expect(station.view().alert).toMatchObject({ kind: 'carrierFault', mustAct: true });

    const printing = alertingStation({ spooler: 'hold' });
    await printing.open();
    printing.scan(MUG, MUG, TEA);
    printing.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await printing.until('printing.waiting');
    expect(printing.view().alert).toBeNull();
    printing.report('job-1', 'queued', { detail: 'Paper out: load labels and close the head', heldBy: ['paper_out'] });
    const paperOut = printing.view().alert!;
    expect(paperOut).toMatchObject({ kind: 'printerFault', mustAct: true });
    printing.later(1);
    printing.report('job-1', 'queued', { detail: 'Head open: close it', heldBy: ['head_open'] });
    expect(printing.view().alert!.at).toBeGreaterThan(paperOut.at);
    printing.report('job-1', 'confirmed');
    await printing.until('done');
    expect(printing.view()).toMatchObject({ state: 'done', alert: null, message: `${picking.name} packed in 1 parcel — scan the next picking` });
  });

  it('without an alert track the view has no alert field (tools and tests looking at the machine alone)', async () => {
    const station = startStation();
    await station.open();
    station.scan(NOT_IN_PICKING);
    expect('alert' in station.view()).toBe(false);
  });
});
