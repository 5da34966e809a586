/**
 * A scale that stops answering, and one whose USB adapter is pulled and plugged back in (the socat pair torn
 * down and created again at the same path), while the packing machine waits for a weight.
 */
import { describe, expect, it } from 'vitest';
import { weighingRigPerTest, type WeighingRig } from './weighing-rig';

let rig: WeighingRig;
weighingRigPerTest('mt-sics', (started) => (rig = started));

describe('scale trouble while weighing, through a real PTY', () => {
  it('silent scale: shows as silent, the packer is told, nothing is weighed; it resumes when the scale answers', async () => {
    const { expectedG } = await rig.openParcel();
    rig.world.scale.setSilent(true);
    // Set while silent: it must not count until the scale answers again.
    rig.world.scale.setWeight(expectedG + 2);
    await rig.scaleHealth('silent');
    await rig.until((s) => s.context.devices.scale?.state === 'silent', 'the machine to learn the scale is silent');
    expect(rig.view()).toMatchObject({ state: 'weighing', tone: 'warning', message: 'Scale not answering — check the cable; waiting…', weight: null });
    expect(rig.headless.station.status().devices.scale.state).toBe('silent');

    rig.world.scale.setSilent(false);
    await rig.until((s) => s.matches('done'), 'the parcel to be packed once the scale answers');
    expect(rig.headless.station.devices.scale.health().state).toBe('connected');
    expect(rig.states).not.toContain('weightRejected');
  });

  it('unplug and replug: disconnected then connected without a restart; the machine pauses and completes the parcel', async () => {
    const { expectedG } = await rig.openParcel();
    rig.world.scale.setWeight(expectedG, { stable: false });
    await rig.readings(2, (r) => !r.stable);

    await rig.unplugScale();
    await rig.scaleHealth('disconnected');
    await rig.until((s) => s.context.devices.scale?.state === 'disconnected', 'the machine to learn the scale is gone');
    expect(rig.view()).toMatchObject({ state: 'weighing', tone: 'warning', message: 'Scale disconnected — reconnecting…', weight: null });

    rig.world.scale.setWeight(expectedG + 4);
    await rig.replugScale();
    await rig.scaleHealth('connected');
    await rig.until((s) => s.matches('done'), 'the parcel to be packed after the replug');
    expect(rig.states).not.toContain('weightRejected');
    expect(rig.world.carrier.purchases()).toHaveLength(1);
    expect(rig.view().lastLabel).not.toBeNull();
  });
});
