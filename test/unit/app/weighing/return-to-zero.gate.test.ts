import { describe, expect, it } from 'vitest';
import { ReturnToZeroGate } from '../../../../app/weighing/return-to-zero.gate';

const r = (grams: number, stable = true) => ({ grams, stable, at: 0 });

describe('ReturnToZeroGate', () => {
  it('offers a stable positive weight once, ignores motion and zero', () => {
    const gate = new ReturnToZeroGate({ zeroBandG: 5, resolutionG: 2 });
    expect(gate.observe(r(0))).toBeNull();
    expect(gate.observe(r(812, false))).toBeNull();
    expect(gate.observe(r(812))).toBe(812);
    expect(gate.observe(r(812))).toBeNull();
    expect(gate.observe(r(-30))).toBeNull();
  });

  it('never carries an accepted weight onto the next parcel until the scale went back to zero', () => {
    const gate = new ReturnToZeroGate({ zeroBandG: 5, resolutionG: 2 });
    expect(gate.observe(r(1500))).toBe(1500);
    gate.accepted();
    gate.reoffer();
    expect(gate.observe(r(1500))).toBeNull();
    expect(gate.observe(r(1510))).toBeNull();
    expect(gate.observe(r(2))).toBeNull();
    // The same weight twice in a row for two boxes is accepted after a return to zero.
    expect(gate.observe(r(1500))).toBe(1500);
  });

  it('offers a changed weight of the same placement after a rejection, and re-offers on request', () => {
    const gate = new ReturnToZeroGate({ zeroBandG: 5, resolutionG: 2 });
    expect(gate.observe(r(900))).toBe(900);
    expect(gate.observe(r(901))).toBeNull();
    expect(gate.observe(r(1200))).toBe(1200);
    gate.reoffer();
    expect(gate.observe(r(1200))).toBe(1200);
  });
});
