/**
 * The station's rate shopping (README "Rate shopping"): which of the rates a platform offers is bought, and why.
 * Pure: the gateway passes the rates, the policy and the parcel's facts; a refusal is a carrier problem for the
 * exception queue, never a purchase.
 */
import type { CarrierProblem } from '../domain/carrier.schema';
import type { RatePolicy } from '../domain/rate-policy.schema';
import type { Rate, RateChoice } from '../domain/shipment.schema';
import { businessDaysBetween } from './business-days';
import { suggest } from './carrier-actions';
import { compareDecimalStrings, isDecimal } from './decimal';
import { carrierWeightLimitG } from './shipment-checks';

export interface RateContext {
  /** Today as YYYY-MM-DD in the station's time zone. */
  today: string;
  /** The picking's deadline (YYYY-MM-DD) or null. */
  deadline: string | null;
  weightG: number;
  /** What the platform said about carriers that gave no rate. */
  messages?: readonly string[];
}

export type RateDecision = { ok: true; rate: Rate; choice: RateChoice } | { ok: false; problem: CarrierProblem };

const norm = (s: string): string => s.trim().toLowerCase();
const listed = (list: readonly string[], value: string | null | undefined): boolean => value != null && list.some((x) => norm(x) === norm(value));
const price = (r: Rate): string => `${r.rate} ${r.currency}`;
const named = (r: Rate): string => `${r.carrier} ${r.service}`;
const days = (r: Rate): number => r.deliveryDays ?? Number.POSITIVE_INFINITY;

/** The cheapest of `rates`; ties keep the platform's order so the choice is stable across retries. */
export function cheapestRate(rates: readonly Rate[]): Rate | undefined {
  let best: Rate | undefined;
  for (const r of rates) if (best === undefined || compareDecimalStrings(r.rate, best.rate) < 0) best = r;
  return best;
}

/** A short name of the policy, for the record and the supervisor. */
export function describePolicy(policy: RatePolicy): string {
  switch (policy.choose) {
    case 'cheapest-within':
      return `cheapest within ${[policy.withinBusinessDays !== undefined ? `${policy.withinBusinessDays} business days` : null, policy.byDeadline ? 'the deadline' : null].filter(Boolean).join(' and ') || 'any time'}`;
    case 'preferred':
      return `preferred: ${policy.preferred.join(' > ') || 'none'}`;
    default:
      return policy.choose;
  }
}

/** The policy for a picking: its Odoo delivery carrier's, else the station's, else the legacy `services` list. */
export function policyFor(config: { policy?: RatePolicy | undefined; policies: Readonly<Record<string, RatePolicy>>; services: readonly string[] }, odooCarrier: string | null | undefined): RatePolicy {
  const byCarrier = odooCarrier == null ? undefined : Object.entries(config.policies).find(([name]) => norm(name) === norm(odooCarrier))?.[1];
  if (byCarrier) return byCarrier;
  if (config.policy) return config.policy;
  const base = { withinBusinessDays: undefined, byDeadline: false, allowCarriers: [], blockCarriers: [], allowAccounts: [], blockAccounts: [], maxPrice: undefined };
  return config.services.length > 0 ? { ...base, choose: 'preferred', preferred: [...config.services] } : { ...base, choose: 'cheapest', preferred: [] };
}

function allowedBy(policy: RatePolicy, weightG: number) {
  return (r: Rate): boolean => {
    if (policy.allowCarriers.length > 0 && !listed(policy.allowCarriers, r.carrier)) return false;
    if (listed(policy.blockCarriers, r.carrier)) return false;
    if (policy.allowAccounts.length > 0 && !listed(policy.allowAccounts, r.carrierAccount)) return false;
    if (listed(policy.blockAccounts, r.carrierAccount)) return false;
    const limit = carrierWeightLimitG(r.carrier);
    return limit === null || weightG <= limit;
  };
}

const unavailable = (detail: string): RateDecision => ({
  ok: false,
  problem: { kind: 'service_unavailable', detail, suggestedAction: suggest('checkService') },
});

const matchesPreference = (wanted: string) => (r: Rate): boolean => {
  const i = wanted.indexOf(':');
  return i < 0 ? norm(r.service) === norm(wanted) : norm(r.carrier) === norm(wanted.slice(0, i)) && norm(r.service) === norm(wanted.slice(i + 1));
};

type Pick = { rate: Rate; reason: string } | { refusal: string };

function pick(policy: RatePolicy, allowed: readonly Rate[], ctx: RateContext): Pick {
  const cheapest = cheapestRate(allowed) as Rate;
  switch (policy.choose) {
    case 'cheapest':
      return { rate: cheapest, reason: `cheapest of ${allowed.length} allowed rates` };
    case 'fastest': {
      const best = Math.min(...allowed.map(days));
      if (best === Number.POSITIVE_INFINITY) return { rate: cheapest, reason: 'no rate gave a transit time: cheapest' };
      const rate = cheapestRate(allowed.filter((r) => days(r) === best)) as Rate;
      return { rate, reason: `fastest: ${best} business day${best === 1 ? '' : 's'} (cheapest of those)` };
    }
    case 'cheapest-within': {
      const limits: number[] = [];
      if (policy.withinBusinessDays !== undefined) limits.push(policy.withinBusinessDays);
      const toDeadline = policy.byDeadline && ctx.deadline ? businessDaysBetween(ctx.today, ctx.deadline) : null;
      if (toDeadline !== null) limits.push(toDeadline);
      if (limits.length === 0) return { rate: cheapest, reason: 'no deadline on the picking and no day limit: cheapest' };
      const limit = Math.min(...limits);
      const inTime = allowed.filter((r) => days(r) <= limit);
      const rate = cheapestRate(inTime);
      const by = toDeadline === limit ? `by the deadline ${ctx.deadline ?? ''} (${limit} business days)` : `within ${limit} business days`;
      if (rate === undefined) {
        const fastest = Math.min(...allowed.map(days));
        return { refusal: `No rate arrives ${by}; the fastest offered takes ${fastest === Number.POSITIVE_INFINITY ? 'an unknown number of' : fastest} business days` };
      }
      return { rate, reason: `cheapest arriving ${by}: ${rate.deliveryDays ?? '?'} days` };
    }
    case 'preferred': {
      for (const [i, wanted] of policy.preferred.entries()) {
        const rate = cheapestRate(allowed.filter(matchesPreference(wanted)));
        if (rate !== undefined) return { rate, reason: `preferred service ${wanted} (choice ${i + 1} of ${policy.preferred.length})` };
      }
      return { rate: cheapest, reason: 'none of the preferred services offered: cheapest' };
    }
  }
}

/** Chooses the rate to buy, or refuses with the exact problem. */
export function chooseRate(rates: readonly Rate[], policy: RatePolicy, ctx: RateContext): RateDecision {
  const said = ctx.messages && ctx.messages.length > 0 ? ` (${ctx.messages.join('; ')})` : '';
  const priced = rates.filter((r) => isDecimal(r.rate));
  if (priced.length === 0) return unavailable(`The platform offered no rate for this parcel${said}`);
  const allowed = priced.filter(allowedBy(policy, ctx.weightG));
  if (allowed.length === 0) {
    const heavy = priced.every((r) => { const l = carrierWeightLimitG(r.carrier); return l !== null && ctx.weightG > l; });
    if (heavy) {
      return { ok: false, problem: { kind: 'weight_limit', detail: `${(ctx.weightG / 1000).toFixed(2)} kg is above what every offered carrier takes (${[...new Set(priced.map((r) => r.carrier))].join(', ')})`, suggestedAction: suggest('splitOrFreight') } };
    }
    return unavailable(`None of the ${priced.length} offered rates is allowed by the policy (${describePolicy(policy)}; offered: ${[...new Set(priced.map(named))].join(', ')})`);
  }
  const picked = pick(policy, allowed, ctx);
  if ('refusal' in picked) return unavailable(picked.refusal);
  const { rate, reason } = picked;
  if (policy.maxPrice !== undefined && compareDecimalStrings(rate.rate, policy.maxPrice) > 0) {
    return {
      ok: false,
      problem: { kind: 'price_ceiling', detail: `${named(rate)} costs ${price(rate)}, above the ceiling of ${policy.maxPrice} ${rate.currency}`, suggestedAction: suggest('raiseCeiling') },
    };
  }
  return { ok: true, rate, choice: { policy: describePolicy(policy), reason, offered: rates.length, allowed: allowed.length } };
}
