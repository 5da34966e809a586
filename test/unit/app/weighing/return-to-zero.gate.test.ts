import { describe, expect, it } from 'vitest';
import { ReturnToZeroGate } from '../../../../app/weighing/return-to-zero.gate';

const r = (grams: number, stable = true, resolutionG?: number) => (resolutionG === undefined ? { grams, stable } : { grams, stable, resolutionG });

describe('ReturnToZeroGate', () => {
  it('offers a stable positive weight once, ignores motion, zero and negative weights', () => {
    const gate = new ReturnToZeroGate({ zeroBandG: 5 });
    expect(gate.observe(r(0))).toBeNull();
    expect(gate.observe(r(812, false))).toBeNull();
    expect(gate.observe(r(812))).toBe(812);
    expect(gate.observe(r(812))).toBeNull();
    expect(gate.observe(r(-30))).toBeNull();
    expect(gate.observe(r(4))).toBeNull();
  });

  it('never carries an accepted weight onto the next parcel until the scale went back to zero', () => {
    const gate = new ReturnToZeroGate({ zeroBandG: 5 });
    expect(gate.observe(r(1500))).toBe(1500);
    gate.accepted();
    gate.reoffer();
    expect(gate.isArmed).toBe(false);
    expect(gate.observe(r(1500))).toBeNull();
    expect(gate.observe(r(1510))).toBeNull();
    expect(gate.observe(r(2))).toBeNull();
    expect(gate.isArmed).toBe(true);
    // The same weight twice in a row for two boxes is accepted after a return to zero.
    expect(gate.observe(r(1500))).toBe(1500);
  });

  it('re-arms only on a settled zero: a zero glimpsed while the box wobbles is not the box lifted', () => {
    const gate = new ReturnToZeroGate({ zeroBandG: 5 });
    expect(gate.observe(r(700))).toBe(700);
    gate.accepted();
    expect(gate.observe(r(0, false))).toBeNull();
    expect(gate.observe(r(700))).toBeNull();
    expect(gate.observe(r(0))).toBeNull();
    expect(gate.observe(r(700))).toBe(700);
  });

  it('takes the empty band from config', () => {
    const gate = new ReturnToZeroGate({ zeroBandG: 20 });
    expect(gate.observe(r(15))).toBeNull();
    expect(gate.observe(r(25))).toBe(25);
    gate.accepted();
    expect(gate.observe(r(-18))).toBeNull();
    expect(gate.observe(r(25))).toBe(25);
  });

  it('offers a changed weight of the same placement after a rejection, and re-offers on request', () => {
    const gate = new ReturnToZeroGate({ zeroBandG: 5 });
    expect(gate.observe(r(900))).toBe(900);
    expect(gate.observe(r(901))).toBeNull();
    expect(gate.observe(r(1200))).toBe(1200);
    gate.reoffer();
    expect(gate.observe(r(1200))).toBe(1200);
  });

  it('uses the resolution the reading carries, and the noise tolerance, to tell a changed weight from the same one', () => {
    const coarse = new ReturnToZeroGate({ zeroBandG: 5 });
    expect(coarse.observe(r(1000, true, 10))).toBe(1000);
    expect(coarse.observe(r(1010, true, 10))).toBeNull();
    expect(coarse.observe(r(1020, true, 10))).toBe(1020);

    const noisy = new ReturnToZeroGate({ zeroBandG: 5, sameWeightG: 3 });
    expect(noisy.observe(r(1000))).toBe(1000);
    expect(noisy.observe(r(1003))).toBeNull();
    expect(noisy.observe(r(997))).toBeNull();
    expect(noisy.observe(r(1004))).toBe(1004);
  });
});
