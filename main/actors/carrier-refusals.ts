/**
 * What a failed label purchase becomes at the bench. A refusal the carrier desk explains (`detail.carrierException`)
 * and a platform out of reach for longer than `carrier.downAfterMinutes` are raised in the exception queue, and the
 * error thrown on carries the problem and its exception id, so the packing machine sets the parcel aside. Anything
 * else (a shorter outage, a 500, a reply it cannot read) is thrown on unchanged: the packer gets Retry.
 */
import type { CarrierExceptionQueue, CarrierExceptionRaise } from '../../app/carrier.ports';
import type { CarrierProblem } from '../../app/domain';
import { StationError, isUnreachable } from '../../app/domain/errors';
import { suggestWaiting } from '../../app/carrier/carrier-actions';
import { carrierRefusalOf } from '../../app/packing/set-aside';
import type { Clock } from '../../app/ports';

export type ParcelRef = Pick<CarrierExceptionRaise, 'pickingId' | 'pickingName' | 'parcelIndex'>;

const duration = (ms: number): string => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);

function carrierDown(outageMs: number, cause: StationError, parcel: ParcelRef): CarrierProblem {
  return {
    kind: 'carrier_down',
    // The code, not the message: the packer reads this on the bench, and the log has the full error.
    detail: `the carrier platform has not answered for ${duration(outageMs)} (${cause.code.toLowerCase().replace('_', ' ')})`,
    suggestedAction: suggestWaiting(parcel.pickingName),
  };
}

export class CarrierRefusals {
  /** When the first purchase attempt of the current outage started; null while the platform answers. */
  private unansweredSince: number | null = null;

  constructor(
    private readonly exceptions: CarrierExceptionQueue,
    private readonly clock: Clock,
    private readonly downAfterMs: number,
  ) {}

  /** The platform answered (a label, or a refusal): any outage is over. */
  answered(): void {
    this.unansweredSince = null;
  }

  /** The error to throw for a purchase of `parcel` that began at `startedAt` and failed with `error`. */
  failed(error: unknown, startedAt: number, parcel: ParcelRef): unknown {
    const refusal = carrierRefusalOf(error);
    if (refusal !== null) {
      this.answered();
      return this.raise(error as StationError, refusal.carrierException, parcel);
    }
    if (!isUnreachable(error)) {
      this.answered();
      return error;
    }
    this.unansweredSince ??= startedAt;
    const outageMs = this.clock.now() - this.unansweredSince;
    if (outageMs <= this.downAfterMs) return error;
    return this.raise(error, carrierDown(outageMs, error, parcel), parcel);
  }

  private raise(error: StationError, problem: CarrierProblem, parcel: ParcelRef): StationError {
    const exceptionId = this.exceptions.raise({ ...problem, ...parcel });
    const detail = typeof error.detail === 'object' && error.detail !== null ? error.detail : {};
    return new StationError(error.code, error.message, {
      cause: error,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      detail: { ...detail, carrierException: problem, exceptionId },
    });
  }
}
