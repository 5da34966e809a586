/**
 * EasyPost wire shapes the carrier sandbox answers with, copied field-for-field from the recorded cassettes
 * (test_shipment_buy, test_shipment_convert_label, test_tracker_create, test_error*). Pure functions: the store
 * keeps state, these only shape it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { SandboxAddressInput } from './carrier-schema.sim';

export const newId = (prefix: string): string => `${prefix}_${randomBytes(16).toString('hex')}`;

export const isoNow = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface WireRate {
  id: string;
  object: 'Rate';
  created_at: string;
  updated_at: string;
  mode: 'test';
  service: string;
  carrier: string;
  rate: string;
  currency: 'USD';
  retail_rate: string;
  retail_currency: 'USD';
  list_rate: string;
  list_currency: 'USD';
  billing_type: 'easypost';
  delivery_days: number;
  delivery_date: null;
  delivery_date_guaranteed: false;
  est_delivery_days: number;
  shipment_id: string;
  carrier_account_id: string;
}

/**
 * Price list in cents: the first pound matches the cassette's rates ("34.15", "7.42", "6.07" for 15.4 oz), each
 * further pound adds a step. UPS rates sit above and below USPS so neither "first" nor "string order" wins.
 */
const PRICE_LIST = [
  { carrier: 'USPS', service: 'Express', base: 3415, perLb: 410, days: 1, account: 'ca_b25657e9896e4d63ac8151ac346ac41e' },
  { carrier: 'USPS', service: 'Priority', base: 742, perLb: 135, days: 2, account: 'ca_b25657e9896e4d63ac8151ac346ac41e' },
  { carrier: 'USPS', service: 'GroundAdvantage', base: 607, perLb: 95, days: 3, account: 'ca_b25657e9896e4d63ac8151ac346ac41e' },
  { carrier: 'UPS', service: 'Ground', base: 1050, perLb: 110, days: 4, account: 'ca_2a3f1b7c9d4e4f0a8b6c5d4e3f2a1b0c' },
  { carrier: 'UPS', service: 'NextDayAir', base: 4290, perLb: 525, days: 1, account: 'ca_2a3f1b7c9d4e4f0a8b6c5d4e3f2a1b0c' },
] as const;

const money = (cents: number): string => (cents / 100).toFixed(2);

export function ratesFor(shipmentId: string, weightOz: number, at: string): WireRate[] {
  const extraLb = Math.max(0, Math.ceil(weightOz / 16) - 1);
  return PRICE_LIST.map((p) => {
    const cents = p.base + p.perLb * extraLb;
    return {
      id: newId('rate'),
      object: 'Rate',
      created_at: at,
      updated_at: at,
      mode: 'test',
      service: p.service,
      carrier: p.carrier,
      rate: money(cents),
      currency: 'USD',
      retail_rate: money(Math.round(cents * 1.15)),
      retail_currency: 'USD',
      list_rate: money(Math.round(cents * 1.08)),
      list_currency: 'USD',
      billing_type: 'easypost',
      delivery_days: p.days,
      delivery_date: null,
      delivery_date_guaranteed: false,
      est_delivery_days: p.days,
      shipment_id: shipmentId,
      carrier_account_id: p.account,
    };
  });
}

/** USPS IMpb-like 22 digits (as in the cassettes, 9400…) or a UPS 1Z number. */
export function newTrackingCode(carrier: string): string {
  const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');
  if (carrier === 'UPS') return `1Z999AA1${digits(10)}`;
  return `9400100208303${digits(9)}`;
}

export function wireAddress(a: SandboxAddressInput, at: string): Record<string, unknown> {
  return {
    id: newId('adr'),
    object: 'Address',
    created_at: at.replace('Z', '+00:00'),
    updated_at: at.replace('Z', '+00:00'),
    name: a.name ?? null,
    company: a.company ?? null,
    street1: a.street1,
    street2: a.street2 ?? null,
    city: a.city,
    state: a.state ?? null,
    zip: a.zip,
    country: a.country,
    phone: a.phone ?? null,
    email: a.email ?? null,
    mode: 'test',
    carrier_facility: null,
    residential: null,
    federal_tax_id: null,
    state_tax_id: null,
    verifications: {},
  };
}

export interface WirePostageLabel {
  object: 'PostageLabel';
  id: string;
  created_at: string;
  updated_at: string;
  date_advance: 0;
  integrated_form: 'none';
  label_date: string;
  label_resolution: number;
  label_size: string;
  label_type: 'default';
  label_file_type: string;
  label_url: string;
  label_pdf_url: string | null;
  label_zpl_url: string | null;
  label_epl2_url: string | null;
  label_file: null;
}

/**
 * EasyPost's test trackers move by tracking code: EZ1000000001 pre_transit … EZ7000000007 unknown. Codes the
 * sandbox itself issued start in pre_transit, like a freshly bought label.
 */
const EZ_STATUS: Record<string, string> = {
  EZ1: 'pre_transit',
  EZ2: 'in_transit',
  EZ3: 'out_for_delivery',
  EZ4: 'delivered',
  EZ5: 'return_to_sender',
  EZ6: 'failure',
  EZ7: 'unknown',
};

export function trackerStatusFor(trackingCode: string): string {
  return EZ_STATUS[trackingCode.slice(0, 3).toUpperCase()] ?? 'pre_transit';
}

export function wireTracker(trackingCode: string, carrier: string, shipmentId: string | null, at: string, id = newId('trk')): Record<string, unknown> {
  const status = trackerStatusFor(trackingCode);
  return {
    id,
    object: 'Tracker',
    mode: 'test',
    tracking_code: trackingCode,
    status,
    status_detail: status === 'unknown' ? 'unknown' : 'status_update',
    created_at: at,
    updated_at: at,
    signed_by: null,
    weight: null,
    est_delivery_date: null,
    shipment_id: shipmentId,
    carrier,
    tracking_details: [],
    fees: [],
    carrier_detail: null,
    public_url: `https://track.easypost.com/${Buffer.from(id).toString('base64url')}`,
  };
}

/** `{"error": {code, message, errors}}`; `errors` as FieldError objects or plain strings, both seen live. */
export function errorBody(code: string, message: string, errors: unknown[] = []): { error: { code: string; message: string; errors: unknown[] } } {
  return { error: { code, message, errors } };
}
