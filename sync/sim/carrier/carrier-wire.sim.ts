/**
 * EasyPost wire shapes the carrier sandbox answers with, copied field-for-field from the recorded cassettes
 * (test_shipment_buy, test_shipment_convert_label, test_error*). Pure functions: the store
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
  /** USPS leaves it null (the cassettes); UPS commits to a date. */
  delivery_date: string | null;
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

const COMMITS_TO_A_DATE = new Set(['UPS']);

/** `days` business days after `at`, as EasyPost writes a delivery date (`2025-05-09T00:00:00Z`). */
export function businessDaysAfter(at: string, days: number): string {
  const d = new Date(`${at.slice(0, 10)}T00:00:00Z`);
  for (let left = days; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
  }
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

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
      delivery_date: COMMITS_TO_A_DATE.has(p.carrier) ? businessDaysAfter(at, p.days) : null,
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

/** `{"error": {code, message, errors}}`; `errors` as FieldError objects or plain strings, both seen live. */
export function errorBody(code: string, message: string, errors: unknown[] = []): { error: { code: string; message: string; errors: unknown[] } } {
  return { error: { code, message, errors } };
}

/** An HTTP reply of the sandbox: each store answers what the platform would, so the server stays a router. */
export interface SandboxReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const notFound = (what: string): SandboxReply => ({
  status: 404,
  body: errorBody('NOT_FOUND', 'The requested resource could not be found.', [`${what} not found`]),
});

export const unprocessable = (code: string, message: string, errors: unknown[] = []): SandboxReply => ({ status: 422, body: errorBody(code, message, errors) });

/** test_error's shape for a missing wrapper object (`{"shipment": {}}`). */
export const blank = (field: string): SandboxReply => unprocessable('PARAMETER.REQUIRED', 'Missing required parameter.', [{ field, message: 'cannot be blank' }]);
