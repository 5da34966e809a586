import type { ScaleReading } from '../domain/device.schema';

/**
 * Decides which stable readings may become a parcel weight.
 *
 * A scale keeps reporting the last box until it is lifted off. Without this gate, the moment the station asks for
 * the next parcel's weight it would read the previous box again. A weight is offered only once per placement: the
 * scale must return to zero (|g| ≤ zeroBandG) after an accepted weight before another is offered. A different stable
 * value while the same box is still on (the packer added or removed something after a rejection) is offered again.
 */
export class ReturnToZeroGate {
  private armed = true;
  private lastOffered: number | null = null;

  constructor(private readonly opts: { zeroBandG: number; resolutionG: number }) {}

  /** Returns the grams to offer as a parcel weight, or null. */
  observe(reading: ScaleReading): number | null {
    if (Math.abs(reading.grams) <= this.opts.zeroBandG) {
      this.armed = true;
      this.lastOffered = null;
      return null;
    }
    if (!this.armed || !reading.stable || reading.grams <= 0) return null;
    if (this.lastOffered !== null && Math.abs(reading.grams - this.lastOffered) < this.opts.resolutionG) return null;
    this.lastOffered = reading.grams;
    return reading.grams;
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
}
