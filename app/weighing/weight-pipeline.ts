import type { ScaleConfig, ScaleReading } from '../domain';
import { ReturnToZeroGate } from './return-to-zero.gate';
import { StabilityDetector, effectiveStabilityMode, type EffectiveStabilityMode, type Settled } from './stability';

export type WeightPipelineConfig = Pick<ScaleConfig, 'protocol' | 'configurable' | 'stability' | 'zeroBandG'>;

/**
 * Readings in, parcel weights out: stability, then the return-to-zero gate, then "is anyone asking?".
 *
 * The host feeds every reading, says when the packing machine starts or stops waiting for a weight, when a weight
 * became a parcel, and when the scale dropped out. It sends `WEIGHT.STABLE` exactly for the grams returned here.
 * Readings keep flowing through the gate while nobody waits, so a box lifted off between parcels still re-arms it.
 */
export class WeightPipeline {
  readonly mode: EffectiveStabilityMode;
  private readonly detector: StabilityDetector;
  private readonly gate: ReturnToZeroGate;
  private waiting = false;
  private settled: Settled | null = null;

  /** `reportsStability`: whether the scale's codec sends a stability flag, when the driver can tell. */
  constructor(config: WeightPipelineConfig, opts: { reportsStability?: boolean } = {}) {
    this.mode = effectiveStabilityMode(config, opts.reportsStability);
    this.detector = new StabilityDetector({ mode: this.mode, stability: config.stability });
    this.gate = new ReturnToZeroGate({ zeroBandG: config.zeroBandG, sameWeightG: config.stability.toleranceG });
  }

  /** Returns the grams to send as `WEIGHT.STABLE`, or null. */
  push(reading: ScaleReading): number | null {
    const settled = this.detector.push(reading);
    this.settled = settled.stable ? settled : null;
    const offer = this.gate.observe(settled);
    return this.waiting ? offer : null;
  }

  /**
   * The machine started (true) or stopped (false) waiting for a weight. On start the weight already settled on
   * the platter is offered at once: the packer often puts the box on before scanning the last item.
   */
  setWaiting(waiting: boolean): number | null {
    const started = waiting && !this.waiting;
    this.waiting = waiting;
    if (!started) return null;
    this.gate.reoffer();
    return this.settled ? this.gate.observe(this.settled) : null;
  }

  /** The offered weight became a parcel: the next parcel needs the scale back at zero first. */
  accepted(): void {
    this.gate.accepted();
  }

  /**
   * The scale went silent or its link dropped: what was seen before cannot be trusted, so only fresh readings may
   * settle a weight. The gate stays disarmed if it was — a box left on through an unplug is still the old box —
   * but the current placement may be offered again once it settles anew.
   */
  reset(): void {
    this.detector.reset();
    this.settled = null;
    this.gate.reoffer();
  }

  /** Whether the next settled positive weight can become a parcel (for the view and the tests). */
  get armed(): boolean {
    return this.gate.isArmed;
  }
}
