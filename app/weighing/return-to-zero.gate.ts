import type { Settled } from './stability';

export interface ReturnToZeroOptions {
  /** |grams| at or below this is "the platter is empty" (station config `scale.zeroBandG`). */
  zeroBandG: number;
  /**
   * Two stable values closer than this are the same placement. The scale's own resolution counts too (taken from
   * each reading, since only the protocol knows it); the stability tolerance keeps in-band noise from being
   * mistaken for "the packer changed the box".
   */
  sameWeightG?: number;
}

/** Without a resolution from the protocol, a gram: no scale used for parcels displays finer steps that matter. */
const DEFAULT_RESOLUTION_G = 1;

/**
 * Decides which settled readings may become a parcel weight.
 *
 * A scale keeps reporting the last box until it is lifted off. Without this gate, the moment the station asks for
 * the next parcel's weight it would read the previous box again. A weight is offered only once per placement: the
 * scale must settle at zero (|g| ≤ zeroBandG, stable) after an accepted weight before another is offered — a
 * zero glimpsed while the box wobbles is not the box being lifted. A different stable value while the same box is
 * still on (the packer added or removed something after a rejection) is offered again. Zero and negative weights
 * are never offered.
 */
export class ReturnToZeroGate {
  private armed = true;
  private lastOffered: number | null = null;

  constructor(private readonly opts: ReturnToZeroOptions) {}

  /** Returns the grams to offer as a parcel weight, or null. */
  observe(settled: Settled): number | null {
    if (Math.abs(settled.grams) <= this.opts.zeroBandG) {
      if (settled.stable) {
        this.armed = true;
        this.lastOffered = null;
      }
      return null;
    }
    if (!this.armed || !settled.stable || settled.grams <= 0) return null;
    const same = Math.max(settled.resolutionG ?? DEFAULT_RESOLUTION_G, this.opts.sameWeightG ?? 0);
    if (this.lastOffered !== null && Math.abs(settled.grams - this.lastOffered) <= same) return null;
    this.lastOffered = settled.grams;
    return settled.grams;
  }

  /** The offered weight became a parcel: the next one needs the scale back at zero first. */
  accepted(): void {
    this.armed = false;
    this.lastOffered = null;
  }

  /** Offer the current stable weight again (e.g. the machine just started waiting for one). */
  reoffer(): void {
    this.lastOffered = null;
  }

  /** Whether a weight may be offered now (the scale went back to zero since the last accepted one). */
  get isArmed(): boolean {
    return this.armed;
  }
}
