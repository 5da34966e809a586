/**
 * Rate selection by the legacy preferred services (the gateway shell's; the carrier desk uses the rate policy).
 * Money is compared exactly as decimal strings (app/carrier/decimal).
 */
import { compareDecimalStrings as compareExact } from '../../app/carrier/decimal';
import { StationError } from '../../app/domain/errors';
import type { EasyPostRate } from './easypost.schema';

/** Negative, zero or positive like `Array.prototype.sort` expects; a rate that is not a decimal is a bad reply. */
export function compareDecimalStrings(a: string, b: string): number {
  try {
    return compareExact(a, b);
  } catch (e) {
    if (e instanceof RangeError) throw new StationError('INVALID_REPLY', `carrier rate ${e.message}`);
    throw e;
  }
}

/** The cheapest of `rates`; ties keep the platform's order so the choice is stable across retries. */
export function lowestRate<R extends Pick<EasyPostRate, 'rate'>>(rates: readonly R[]): R | undefined {
  let best: R | undefined;
  for (const r of rates) if (best === undefined || compareDecimalStrings(r.rate, best.rate) < 0) best = r;
  return best;
}

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * The first of the station's preferred `services` the platform offers (cheapest carrier if several offer it);
 * with no preference or no match, the cheapest rate overall. Service names compare case-insensitively because
 * carriers are inconsistent ("GroundAdvantage" vs "groundadvantage" in old records).
 */
export function pickRate<R extends Pick<EasyPostRate, 'rate' | 'service'>>(rates: readonly R[], services: readonly string[]): R {
  if (rates.length === 0) throw new StationError('REJECTED', 'the carrier platform offered no rate for this shipment', { detail: { code: 'NO_RATES' } });
  for (const wanted of services) {
    const match = lowestRate(rates.filter((r) => norm(r.service) === norm(wanted)));
    if (match !== undefined) return match;
  }
  const cheapest = lowestRate(rates);
  if (cheapest === undefined) throw new StationError('REJECTED', 'the carrier platform offered no rate for this shipment');
  return cheapest;
}
