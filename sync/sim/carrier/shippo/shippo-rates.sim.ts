/**
 * The sandbox's carriers and prices: USPS and UPS accounts, servicelevel names and tokens as Shippo names them,
 * estimated days, and each carrier's weight limit (USPS 70 lb, UPS 150 lb) — a heavier parcel gets no rate from
 * that carrier and a message saying why, as Shippo reports carriers that offered nothing.
 */
import { randomInt } from 'node:crypto';
import { objectId, OWNER, type WireRate } from './shippo-wire.sim';

interface Service {
  provider: 'USPS' | 'UPS';
  name: string;
  token: string;
  /** Cents for the first 500 g, then per further 500 g started. */
  base: number;
  perStep: number;
  days: number;
  terms: string;
}

const SERVICES: readonly Service[] = [
  { provider: 'USPS', name: 'Priority Mail Express', token: 'usps_priority_express', base: 3415, perStep: 380, days: 1, terms: 'Overnight delivery to most U.S. locations.' },
  { provider: 'USPS', name: 'Priority Mail', token: 'usps_priority', base: 742, perStep: 121, days: 2, terms: 'Delivery within 1, 2, or 3 days based on where your package started and where it’s being sent.' },
  { provider: 'USPS', name: 'Ground Advantage', token: 'usps_ground_advantage', base: 607, perStep: 88, days: 4, terms: 'Delivery in 2 to 5 business days.' },
  { provider: 'UPS', name: 'Ground', token: 'ups_ground', base: 1050, perStep: 97, days: 3, terms: '' },
  { provider: 'UPS', name: 'Next Day Air®', token: 'ups_next_day_air', base: 4290, perStep: 465, days: 1, terms: 'Next business day delivery by 10:30 a.m.' },
];

const LIMIT_G: Readonly<Record<Service['provider'], number>> = { USPS: 31_751, UPS: 68_039 };

/** The account's carrier accounts (fixed, so a manifest can name them across sandbox restarts). */
export const CARRIER_ACCOUNTS: Readonly<Record<Service['provider'], string>> = {
  USPS: 'b741b99f95e841639b54272834bc478c',
  UPS: '2a3f1b7c9d4e4f0a8b6c5d4e3f2a1b0c',
};

const money = (cents: number): string => (cents / 100).toFixed(2);

export interface RatedParcel {
  rates: WireRate[];
  messages: { source: string; code: string; text: string }[];
}

export function rateParcel(shipmentId: string, weightG: number, at: string): RatedParcel {
  const steps = Math.max(0, Math.ceil(weightG / 500) - 1);
  const offered = SERVICES.filter((s) => weightG <= LIMIT_G[s.provider]);
  const refused = [...new Set(SERVICES.filter((s) => !offered.includes(s)).map((s) => s.provider))];
  const rates: WireRate[] = offered.map((s) => {
    const amount = money(s.base + s.perStep * steps);
    return {
      object_id: objectId(),
      object_owner: OWNER,
      object_created: at,
      shipment: shipmentId,
      attributes: [],
      amount,
      currency: 'USD',
      amount_local: amount,
      currency_local: 'USD',
      provider: s.provider,
      provider_image_75: `https://shippo-static.s3.amazonaws.com/providers/75/${s.provider}.png`,
      provider_image_200: `https://shippo-static.s3.amazonaws.com/providers/200/${s.provider}.png`,
      servicelevel: { name: s.name, token: s.token, terms: '' },
      estimated_days: s.days,
      arrives_by: null,
      duration_terms: s.terms,
      messages: [],
      carrier_account: CARRIER_ACCOUNTS[s.provider],
      test: true,
      zone: '4',
      included_insurance_price: null,
    };
  });
  markAttributes(rates);
  const messages = refused.map((p) => ({ source: p, code: '', text: `The parcel's weight exceeds ${p}'s maximum of ${Math.round(LIMIT_G[p] / 453.59237)} lb.` }));
  return { rates, messages };
}

/** CHEAPEST, FASTEST (cheapest of the fewest days) and BESTVALUE (the lowest price × days), as Shippo tags rates. */
function markAttributes(rates: WireRate[]): void {
  const cents = (r: WireRate): number => Math.round(Number(r.amount) * 100);
  const best = (score: (r: WireRate) => number): WireRate | undefined => [...rates].sort((a, b) => score(a) - score(b) || cents(a) - cents(b))[0];
  best(cents)?.attributes.push('CHEAPEST');
  best((r) => r.estimated_days)?.attributes.push('FASTEST');
  best((r) => cents(r) * r.estimated_days)?.attributes.push('BESTVALUE');
}

/** A tracking number in the carrier's format (USPS IMpb 22 digits like Shippo's examples; UPS 1Z). */
export function trackingNumberFor(provider: string): string {
  const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');
  return provider === 'UPS' ? `1Z999AA1${digits(10)}` : `92055901${digits(14)}`;
}
