import type { ScaleDisplay, SimulatedScale } from './scale-responder.sim';

export interface SimulatedScaleOptions {
  capacityG?: number;
  initialGrams?: number;
  /** Source of noise; Math.random by default, seeded in tests that check exact values. */
  random?: () => number;
}

/**
 * The physics of a simulated scale, shared by every protocol responder: load, motion, noise, zero and tare,
 * overload. Scripted by tests and the demo through ScaleSimulator.
 */
export class SimulatedScaleModel implements SimulatedScale {
  private grossG: number;
  private settled = true;
  private moving = false;
  private noiseG = 0;
  private zeroOffsetG = 0;
  private tareWeightG = 0;
  private forcedOverload = false;
  private readonly capacityG: number;
  private readonly random: () => number;

  constructor(options: SimulatedScaleOptions = {}) {
    this.grossG = options.initialGrams ?? 0;
    this.capacityG = options.capacityG ?? 150_000;
    this.random = options.random ?? Math.random;
  }

  setWeight(grams: number, stable = true): void {
    this.grossG = grams;
    this.settled = stable;
  }

  setMotion(on: boolean): void {
    this.moving = on;
  }

  setNoise(amplitudeG: number): void {
    this.noiseG = Math.max(0, amplitudeG);
  }

  setOverload(on: boolean): void {
    this.forcedOverload = on;
  }

  read(): ScaleDisplay {
    const jitter = this.noiseG > 0 ? (this.random() * 2 - 1) * this.noiseG : 0;
    const shown = this.grossG - this.zeroOffsetG - this.tareWeightG + jitter;
    const overCapacity = this.forcedOverload || this.grossG > this.capacityG;
    return {
      grams: shown,
      stable: this.settled && !this.moving,
      overCapacity,
      underZero: this.grossG - this.zeroOffsetG < -0.5,
      net: this.tareWeightG !== 0,
      centerOfZero: !overCapacity && Math.abs(shown) < 0.5,
    };
  }

  zero(): boolean {
    if (!this.canAct()) return false;
    this.zeroOffsetG = this.grossG;
    this.tareWeightG = 0;
    return true;
  }

  tare(): boolean {
    if (!this.canAct()) return false;
    this.tareWeightG = this.grossG - this.zeroOffsetG;
    return true;
  }

  tareG(): number {
    return this.tareWeightG;
  }

  private canAct(): boolean {
    const now = this.read();
    return now.stable && !now.overCapacity;
  }
}
