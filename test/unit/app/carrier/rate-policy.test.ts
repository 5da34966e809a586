import { describe, expect, it } from 'vitest';
import { chooseRate, policyFor } from '../../../../app/carrier/rate-policy';
import { RatePolicySchema, type RatePolicy } from '../../../../app/domain/rate-policy.schema';
import type { Rate } from '../../../../app/domain/shipment.schema';

const rate = (id: string, carrier: string, service: string, amount: string, deliveryDays: number | null, carrierAccount = `ca_${carrier.toLowerCase()}`): Rate => ({
  id, carrier, service, rate: amount, currency: 'USD', deliveryDays, carrierAccount,
});

// The shape of a real EasyPost quote: three carriers, money as strings ("10.50" sorts before "9.90" as text).
const RATES: Rate[] = [
  rate('r_ups_ground', 'UPS', 'Ground', '10.50', 5),
  rate('r_usps_ga', 'USPS', 'GroundAdvantage', '9.90', 4),
  rate('r_usps_prio', 'USPS', 'Priority', '12.20', 2),
  rate('r_fedex_2day', 'FedEx', 'FEDEX_2_DAY', '24.75', 2),
  rate('r_ups_next', 'UPS', 'NextDayAir', '41.00', 1),
];

const policy = (p: Partial<RatePolicy> = {}): RatePolicy => RatePolicySchema.parse(p);
const ctx = { today: '2026-12-02', deadline: null, weightG: 1200 }; // a Wednesday

const chosen = (d: ReturnType<typeof chooseRate>) => (d.ok ? d.rate.id : d.problem.kind);

describe('chooseRate', () => {
  it('cheapest compares money as numbers', () => {
    const d = chooseRate(RATES, policy(), ctx);
    expect(chosen(d)).toBe('r_usps_ga');
    expect(d.ok && d.choice).toEqual({ policy: 'cheapest', reason: 'cheapest of 5 allowed rates', offered: 5, allowed: 5 });
  });

  it('fastest takes the fewest days, cheapest among equals; rates without a transit time never win it', () => {
    expect(chosen(chooseRate(RATES, policy({ choose: 'fastest' }), ctx))).toBe('r_ups_next');
    const twoDay = RATES.filter((r) => r.id !== 'r_ups_next');
    const d = chooseRate(twoDay, policy({ choose: 'fastest' }), ctx);
    expect(chosen(d)).toBe('r_usps_prio');
    expect(d.ok && d.choice.reason).toBe('fastest: 2 business days (cheapest of those)');
    const noDays = RATES.map((r) => ({ ...r, deliveryDays: null }));
    expect(chooseRate(noDays, policy({ choose: 'fastest' }), ctx)).toMatchObject({ ok: true, rate: { id: 'r_usps_ga' }, choice: { reason: 'no rate gave a transit time: cheapest' } });
  });

  it('cheapest-within N business days, or by the picking deadline (weekends do not count), whichever is sooner', () => {
    expect(chosen(chooseRate(RATES, policy({ choose: 'cheapest-within', withinBusinessDays: 3 }), ctx))).toBe('r_usps_prio');
    // Wed 2 Dec → Mon 7 Dec is 3 business days (Thu, Fri, Mon).
    const byDeadline = chooseRate(RATES, policy({ choose: 'cheapest-within', byDeadline: true }), { ...ctx, deadline: '2026-12-07' });
    expect(byDeadline).toMatchObject({ ok: true, rate: { id: 'r_usps_prio' }, choice: { reason: 'cheapest arriving by the deadline 2026-12-07 (3 business days): 2 days' } });
    const tighter = chooseRate(RATES, policy({ choose: 'cheapest-within', byDeadline: true, withinBusinessDays: 5 }), { ...ctx, deadline: '2026-12-03' });
    expect(chosen(tighter)).toBe('r_ups_next');
    // No deadline on the picking and no day limit: cheapest, and said so.
    expect(chooseRate(RATES, policy({ choose: 'cheapest-within', byDeadline: true }), ctx)).toMatchObject({ ok: true, rate: { id: 'r_usps_ga' } });
  });

  it('a deadline no rate can meet is an exception with the fastest offer, not a purchase', () => {
    const d = chooseRate(RATES, policy({ choose: 'cheapest-within', byDeadline: true }), { ...ctx, deadline: '2026-12-02' });
    expect(d).toEqual({ ok: false, problem: expect.objectContaining({ kind: 'service_unavailable', detail: 'No rate arrives by the deadline 2026-12-02 (0 business days); the fastest offered takes 1 business days' }) });
  });

  it('preferred services in order, as service or carrier:service, case-insensitive; none offered → cheapest', () => {
    expect(chosen(chooseRate(RATES, policy({ choose: 'preferred', preferred: ['priority', 'Ground'] }), ctx))).toBe('r_usps_prio');
    expect(chosen(chooseRate(RATES, policy({ choose: 'preferred', preferred: ['fedex:fedex_2_day'] }), ctx))).toBe('r_fedex_2day');
    expect(chosen(chooseRate(RATES, policy({ choose: 'preferred', preferred: ['UPS:Priority', 'Ground'] }), ctx))).toBe('r_ups_ground');
    expect(chooseRate(RATES, policy({ choose: 'preferred', preferred: ['Express'] }), ctx)).toMatchObject({ ok: true, rate: { id: 'r_usps_ga' }, choice: { reason: 'none of the preferred services offered: cheapest' } });
  });

  it('allowed and blocked carriers and accounts filter before choosing', () => {
    expect(chosen(chooseRate(RATES, policy({ blockCarriers: ['usps'] }), ctx))).toBe('r_ups_ground');
    expect(chosen(chooseRate(RATES, policy({ allowCarriers: ['FedEx'] }), ctx))).toBe('r_fedex_2day');
    expect(chosen(chooseRate(RATES, policy({ blockAccounts: ['ca_usps', 'ca_ups'] }), ctx))).toBe('r_fedex_2day');
    expect(chosen(chooseRate(RATES, policy({ allowAccounts: ['ca_ups'] }), ctx))).toBe('r_ups_ground');
    const none = chooseRate(RATES, policy({ allowCarriers: ['DHL'] }), ctx);
    expect(none).toMatchObject({ ok: false, problem: { kind: 'service_unavailable' } });
    expect(!none.ok && none.problem.detail).toContain('None of the 5 offered rates is allowed by the policy');
  });

  it('a price above the ceiling goes to the exception queue with the price and the ceiling', () => {
    const d = chooseRate(RATES, policy({ choose: 'fastest', maxPrice: '25.00' }), ctx);
    expect(d).toMatchObject({ ok: false, problem: { kind: 'price_ceiling', detail: 'UPS NextDayAir costs 41.00 USD, above the ceiling of 25.00 USD' } });
    expect(chosen(chooseRate(RATES, policy({ maxPrice: '9.90' }), ctx))).toBe('r_usps_ga'); // equal is allowed
  });

  it('no rate at all, or none for this weight, says so exactly', () => {
    expect(chooseRate([], policy(), { ...ctx, messages: ['UPS: service unavailable'] })).toMatchObject({ ok: false, problem: { kind: 'service_unavailable', detail: 'The platform offered no rate for this parcel (UPS: service unavailable)' } });
    const heavy = chooseRate(RATES.filter((r) => r.carrier === 'USPS'), policy(), { ...ctx, weightG: 40_000 });
    expect(heavy).toMatchObject({ ok: false, problem: { kind: 'weight_limit', detail: '40.00 kg is above what every offered carrier takes (USPS)' } });
    expect(chosen(chooseRate(RATES, policy(), { ...ctx, weightG: 40_000 }))).toBe('r_ups_ground'); // USPS filtered by weight
  });

  it('ignores a rate whose amount is not a decimal instead of failing the whole choice', () => {
    expect(chosen(chooseRate([rate('bad', 'USPS', 'X', 'n/a', 1), ...RATES], policy(), ctx))).toBe('r_usps_ga');
  });
});

describe('policyFor', () => {
  const fast = policy({ choose: 'fastest' });
  const cheap = policy({ choose: 'cheapest', maxPrice: '50' });
  it("uses the Odoo delivery carrier's policy, else the station's, else the legacy services list", () => {
    expect(policyFor({ policy: cheap, policies: { 'UPS Express': fast }, services: [] }, 'ups express')).toBe(fast);
    expect(policyFor({ policy: cheap, policies: { 'UPS Express': fast }, services: [] }, 'USPS')).toBe(cheap);
    expect(policyFor({ policies: {}, services: ['Ground'] }, null)).toMatchObject({ choose: 'preferred', preferred: ['Ground'] });
    expect(policyFor({ policies: {}, services: [] }, null)).toMatchObject({ choose: 'cheapest' });
  });
});
