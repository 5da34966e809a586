/** One product in the box, as far as its weight is concerned. */
export interface WeighedItem {
  /** Grams per unit; 0 means Odoo has no weight for the product. */
  unitWeightG: number;
  quantity: number;
}

export interface WeightTolerance {
  /** Allowed deviation as a percentage of the expected weight … */
  pct: number;
  /** … or this many grams, whichever is larger. */
  grams: number;
}

export interface PlausibilityInput {
  grams: number;
  items: readonly WeighedItem[];
  /** Tare of the box; 0 when the parcel has no package type. */
  tareG: number;
  tolerance: WeightTolerance;
}

/**
 * `expectedG`, `minG` and `maxG` are null when the contents' weight is unknown: then any positive weight passes.
 */
export interface PlausibilityResult {
  accepted: boolean;
  grams: number;
  expectedG: number | null;
  minG: number | null;
  maxG: number | null;
  reason: 'ok' | 'not_positive' | 'too_light' | 'too_heavy';
}

/** Products + tare, or null if any product has no known weight (a partial sum would reject every honest box). */
export function expectedWeightG(items: readonly WeighedItem[], tareG: number): number | null {
  if (items.some((item) => item.unitWeightG <= 0)) return null;
  return items.reduce((sum, item) => sum + item.unitWeightG * item.quantity, tareG);
}

/**
 * Whether a stable scale weight can be the box we think we packed. Zero or negative is never a box: it is an empty
 * or badly zeroed scale. The band is `expected ± max(expected × pct / 100, grams)` so that light parcels get an
 * absolute margin (scale resolution, packing material) and heavy ones a proportional one.
 */
export function checkWeight(input: PlausibilityInput): PlausibilityResult {
  const { grams } = input;
  const expectedG = expectedWeightG(input.items, input.tareG);
  if (expectedG === null) {
    return { accepted: grams > 0, grams, expectedG, minG: null, maxG: null, reason: grams > 0 ? 'ok' : 'not_positive' };
  }
  const margin = Math.max((expectedG * input.tolerance.pct) / 100, input.tolerance.grams);
  const minG = Math.max(0, expectedG - margin);
  const maxG = expectedG + margin;
  const base = { grams, expectedG, minG, maxG };
  if (grams <= 0) return { ...base, accepted: false, reason: 'not_positive' };
  if (grams < minG) return { ...base, accepted: false, reason: 'too_light' };
  if (grams > maxG) return { ...base, accepted: false, reason: 'too_heavy' };
  return { ...base, accepted: true, reason: 'ok' };
}
