/** main/wiring/weighing.wiring.ts against the real packing machine and a scale driven by hand (no I/O, no time). */
import { describe, expect, it } from 'vitest';
import { ScaleConfigSchema, type DeviceHealth, type ScaleReading } from '../../../app/domain';
import type { Listener, Scale } from '../../../app/ports';
import { wireWeighing } from '../../../main/wiring/weighing.wiring';
import { MUG, TEA, startStation } from '../../unit/app/packing/packing.fixtures';

class HandScale implements Scale {
  private readonly readingListeners = new Set<Listener<ScaleReading>>();
  private readonly healthListeners = new Set<Listener<DeviceHealth>>();
  private at = 0;
  reportsStability?: boolean;
  start = async () => {};
  stop = async () => {};
  command = async () => {};
  health = (): DeviceHealth => ({ state: 'connected', since: 0 });
  lastReading = () => null;
  onReading(listener: Listener<ScaleReading>) {
    this.readingListeners.add(listener);
    return () => this.readingListeners.delete(listener);
  }
  onHealth(listener: Listener<DeviceHealth>) {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }
  read(grams: number, stable = true) {
    this.at += 200;
    for (const l of this.readingListeners) l({ grams, stable, at: this.at });
  }
  setHealth(state: DeviceHealth['state']) {
    for (const l of this.healthListeners) l({ state, since: this.at });
  }
}

const config = ScaleConfigSchema.parse({ path: 'tcp://127.0.0.1:1', protocol: 'mt-sics' });

async function rig() {
  const station = startStation();
  const scale = new HandScale();
  const wiring = wireWeighing(station.actor, scale, config);
  // Health reaches the machine through bootstrap's loop over every device; mirrored here.
  scale.onHealth((h) => station.send({ type: 'DEVICE.CHANGED', device: 'scale', state: h.state }));
  await station.open();
  return { station, scale, wiring };
}

describe('weighing wiring', () => {
  it('offers the box already on the scale when the parcel closes, and shows every reading', async () => {
    const { station, scale } = await rig();
    scale.read(300, false);
    expect(station.view().weight).toMatchObject({ grams: 300, stable: false });
    scale.read(905);
    expect(station.state()).toBe('packing.scanning');
    station.scan(MUG, MUG, TEA);
    expect(station.state()).toBe('recordingParcel');
    expect(station.actor.getSnapshot().context.parcel?.weightG).toBe(905);
  });

  it('after an accepted parcel the next one waits for the scale to return to zero', async () => {
    const { station, scale, wiring } = await rig();
    station.scan(MUG, MUG, TEA);
    scale.read(900);
    await station.until('done');
    expect(wiring.pipeline.armed).toBe(false);
    await station.open();
    station.scan(MUG, MUG, TEA);
    scale.read(900);
    expect(station.state()).toBe('weighing');
    scale.read(0);
    scale.read(900);
    expect(station.state()).toBe('recordingParcel');
  });

  it('a silent scale resets the pipeline: the weight seen before does not count, a fresh one does', async () => {
    const { station, scale } = await rig();
    scale.read(900);
    scale.setHealth('silent');
    station.scan(MUG, MUG, TEA);
    expect(station.view()).toMatchObject({ state: 'weighing', message: 'Scale not answering — check the cable; waiting…' });
    scale.setHealth('connected');
    expect(station.state()).toBe('weighing');
    scale.read(900);
    expect(station.state()).toBe('recordingParcel');
  });

  it('uses the window when the driver says its protocol has no stability flag', async () => {
    const station = startStation();
    const scale = new HandScale();
    scale.reportsStability = false;
    const wiring = wireWeighing(station.actor, scale, config);
    expect(wiring.pipeline.mode).toBe('window');
    await station.open();
    station.scan(MUG, MUG, TEA);
    scale.read(900);
    scale.read(900);
    scale.read(901);
    expect(station.state()).toBe('weighing');
    scale.read(900);
    expect(station.state()).toBe('recordingParcel');
    wiring.stop();
  });
});
