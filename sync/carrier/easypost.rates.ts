/**
 * Rate selection. The platform sends money as decimal strings; comparing them as floats (or worse, as strings:
 * "10.50" < "9.90") picks the wrong rate, so they are compared exactly as scaled integers.
 */
import { StationError } from '../../app/domain/errors';
import type { EasyPostRate } from './easypost.schema';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function toScaled(value: string, scale: number): bigint {
  const m = DECIMAL.exec(value.trim());
  if (m === null) throw new StationError('INVALID_REPLY', `carrier rate "${value}" is not a decimal number`);
  const [, sign = '', int = '0', frac = ''] = m;
  const n = BigInt(int + frac.padEnd(scale, '0'));
  return sign === '-' ? -n : n;
}

const fractionDigits = (value: string): number => value.trim().split('.')[1]?.length ?? 0;

/** Negative, zero or positive like `Array.prototype.sort` expects; exact for any number of decimals. */
export function compareDecimalStrings(a: string, b: string): number {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const x = toScaled(a, scale);
  const y = toScaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
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
