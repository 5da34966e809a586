/**
 * What the reconciliation bench seeds, the same in the bench and in its sandboxes' process: N pickings packed over one
 * day at 20 stations, each with one parcel and one label, and a known set of differences whose findings the run must
 * count exactly.
 */
import type { ExceptionKind } from '../../../app/recon/exception.schema';

const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const STATIONS = 20;
/** The sandbox's USPS label bought for every parcel (its price list: carrier-wire.sim.ts). */
export const LABEL = { carrier: 'USPS', service: 'GroundAdvantage', currency: 'USD' } as const;
/** A carrier weight correction: the parcel billed this much heavier, and charged this much more. */
export const CORRECTION = { extraOz: 40, amount: 3.1 } as const;

export interface ReconPlan {
  n: number;
  /** The window reconciled: one UTC day, four days before the run (labels old enough for every rule). */
  since: number;
  until: number;
  /** Labels bought at the platform by no station (in the window). */
  orphans: number;
}

export function reconPlan(n: number, now: number): ReconPlan {
  const since = Math.floor((now - 4 * DAY) / DAY) * DAY;
  return { n, since, until: since + DAY, orphans: Math.round(n / 100) };
}

/** 1%: the carrier billed more weight and charged more (a weight and a price variance each). */
export const corrected = (i: number): boolean => i % 100 === 7;
/** 0.5%: someone emptied the picking's Tracking Reference in Odoo after it was done. */
export const trackingCleared = (i: number): boolean => i % 200 === 13;
/** 0.5%: the carrier never scanned the parcel (the label is still pre-transit days later). */
export const neverScanned = (i: number): boolean => i % 200 === 113;

/** When picking `i` was packed: spread over the window's day, from 01:00 to 23:00. */
export const packedAt = (plan: ReconPlan, i: number): number => plan.since + HOUR + Math.floor((i * 22 * HOUR) / plan.n);

/** When orphan `k` was bought. */
export const orphanAt = (plan: ReconPlan, k: number): number => plan.since + 2 * HOUR + Math.floor((k * 20 * HOUR) / Math.max(1, plan.orphans));

export const stationOf = (i: number): string => `station-${String((i % STATIONS) + 1).padStart(2, '0')}`;

const countOf = (n: number, seeded: (i: number) => boolean): number => Array.from({ length: n }, (_, i) => i).filter(seeded).length;

/** The findings one run must report, by kind (every other kind: none). */
export function expectedFindings(plan: ReconPlan): Partial<Record<ExceptionKind, number>> {
  const weight = countOf(plan.n, corrected);
  return {
    orphan_label: plan.orphans,
    weight_variance: weight,
    price_variance: weight,
    done_missing_tracking: countOf(plan.n, trackingCleared),
    no_tracking_progress: countOf(plan.n, neverScanned),
  };
}
