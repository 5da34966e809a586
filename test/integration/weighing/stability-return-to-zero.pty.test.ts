/**
 * Weight semantics through the real station: the scale simulator speaks MT-SICS on one end of a socat PTY pair,
 * the station's SerialScale reads the other end, and the packing machine decides.
 */
import { describe, expect, it } from 'vitest';
import { weighingRigPerTest, type WeighingRig } from './weighing-rig';

let rig: WeighingRig;
weighingRigPerTest('mt-sics', (started) => (rig = started));

describe('weighing through a real PTY', () => {
  it('unstable readings never become a parcel weight; the stable one does', async () => {
    const { expectedG } = await rig.openParcel();
    rig.world.scale.setWeight(expectedG, { stable: false });
    // The exact expected weight, but moving: a dozen polls of it must not close the parcel.
    await rig.readings(12, (r) => !r.stable && r.grams === expectedG);
    expect(rig.view().state).toBe('weighing');
    expect(rig.view().weight).toMatchObject({ grams: expectedG, stable: false });

    rig.world.scale.setWeight(expectedG + 3);
    await rig.until((s) => s.matches('done'), 'the parcel to be packed');
    expect(rig.states).toEqual(expect.arrayContaining(['weighing', 'recordingParcel', 'done']));
    expect(rig.states).not.toContain('weightRejected');
  });

  it('the same weight for the next parcel is taken only after the scale went back to zero', async () => {
    const [, second, , , , sixth] = rig.orders;
    const first = await rig.openParcel(second);
    const boxG = first.expectedG + 3;
    rig.world.scale.setWeight(boxG);
    await rig.until((s) => s.matches('done'), 'parcel 1 to be packed');

    // The packer forgets to lift the box and scans the next picking, which weighs the same.
    const next = await rig.openParcel(sixth);
    expect(next.expectedG).toBe(first.expectedG);
    const statesBefore = rig.states.length;
    await rig.readings(10, (r) => r.stable && r.grams === boxG);
    expect(rig.view().state).toBe('weighing');
    expect(rig.states.slice(statesBefore)).not.toContain('recordingParcel');

    rig.world.scale.setWeight(0);
    await rig.readings(1, (r) => r.stable && r.grams === 0);
    rig.world.scale.setWeight(boxG);
    await rig.until((s) => s.matches('done') && s.context.picking?.id === sixth!.id, 'parcel 2 to be packed');
    expect(rig.world.carrier.purchases()).toHaveLength(2);
  });
});
