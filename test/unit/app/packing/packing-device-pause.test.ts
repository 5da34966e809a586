/** The machine waits visibly while the device a step needs is gone, and carries on by itself when it is back. */
import { describe, expect, it } from 'vitest';
import { MUG, TEA, startStation } from './packing.fixtures';

const scale = (state: string, detail?: string) =>
  ({ type: 'DEVICE.CHANGED', device: 'scale', state, ...(detail ? { detail } : {}) }) as const;
const scanner = (state: string, detail?: string) =>
  ({ type: 'DEVICE.CHANGED', device: 'scanner', state, ...(detail ? { detail } : {}) }) as const;

async function weighing() {
  const station = startStation();
  await station.open();
  station.scan(MUG, MUG, TEA);
  expect(station.state()).toBe('weighing');
  return station;
}

describe('scale silent or disconnected while a weight is needed', () => {
  it('silent: says so, accepts no weight, and resumes when the scale answers again', async () => {
    const station = await weighing();
    station.send(scale('silent', 'no data for 2 s'));
    expect(station.view()).toMatchObject({ state: 'weighing', tone: 'warning', message: 'Scale not answering — check the cable; waiting…' });
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    expect(station.state()).toBe('weighing');
    expect(station.calls.record).toEqual([]);

    station.send(scale('connected'));
    expect(station.view()).toMatchObject({ tone: 'info', message: 'Put the box on the scale' });
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    expect(station.calls.record).toHaveLength(1);
  });

  it('disconnected: says it reconnects, and no weight counts until it is back', async () => {
    const station = await weighing();
    station.send(scale('disconnected', 'ENOENT /dev/ttyUSB0 — waiting, next check in 1 s'));
    expect(station.view()).toMatchObject({ tone: 'warning', message: 'Scale disconnected — reconnecting…' });
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    station.send(scale('connecting', '/dev/ttyUSB0'));
    expect(station.view().message).toBe('Scale connecting — waiting…');
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    expect(station.state()).toBe('weighing');
    station.send(scale('connected'));
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    expect(station.state()).toBe('recordingParcel');
  });

  it('drops the frozen reading from the view while the scale is not talking', async () => {
    const station = await weighing();
    station.send({ type: 'WEIGHT.READING', reading: { grams: 850, stable: true, at: 1 } });
    expect(station.view().weight).toMatchObject({ grams: 850 });
    station.send(scale('silent'));
    expect(station.view().weight).toBeNull();
  });

  it('in weightRejected the scale problem comes first, and the rejection is back once the scale is', async () => {
    const station = await weighing();
    station.send({ type: 'WEIGHT.STABLE', grams: 1520 });
    expect(station.view()).toMatchObject({ state: 'weightRejected', tone: 'error' });
    station.send(scale('disconnected'));
    expect(station.view()).toMatchObject({ state: 'weightRejected', tone: 'warning', message: 'Scale disconnected — reconnecting…' });
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    expect(station.state()).toBe('weightRejected');
    station.send(scale('connected'));
    expect(station.view()).toMatchObject({ tone: 'error', message: 'Weight 1.520 kg is outside 810 g–990 g: check the box contents' });
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    expect(station.state()).toBe('recordingParcel');
  });

  it('a fault names its detail', async () => {
    const station = await weighing();
    station.send(scale('fault', 'over capacity'));
    expect(station.view()).toMatchObject({ tone: 'warning', message: 'Scale fault (over capacity) — check the scale; waiting…' });
  });

  it('a scale problem outside weighing does not change what the packer is told there', async () => {
    const station = startStation();
    await station.open();
    station.send(scale('disconnected'));
    expect(station.view()).toMatchObject({ state: 'packing.scanning', tone: 'info' });
  });
});

describe('scanner disconnected while packing', () => {
  it('says so and that codes can be typed; scans from the UI still count; clears when it is back', async () => {
    const station = startStation();
    await station.open();
    station.send(scanner('disconnected', 'ENOENT /dev/ttyACM0'));
    expect(station.view()).toMatchObject({
      state: 'packing.scanning',
      tone: 'warning',
      message: 'Scan the items (0 of 3 scanned). Scanner disconnected — reconnecting…: type the codes in the scan field',
    });
    station.scan(MUG);
    expect(station.view().message).toContain('(1 of 3 scanned)');
    station.send(scanner('connected'));
    expect(station.view()).toMatchObject({ tone: 'info', message: 'Scan the items (1 of 3 scanned)' });
  });
});
