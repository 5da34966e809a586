/**
 * Shippo wire shapes the sandbox answers with, after Shippo's SDK models and the reply examples of its docs and
 * shippo-python-sdk `.speakeasy/gen.lock`: 32-hex `object_id`s, `object_owner`/`object_created`/`object_updated`,
 * money as decimal strings, `{next, previous, results}` lists with absolute `next` URLs, and Django REST Framework
 * error bodies (`{"detail": …}`, field errors keyed like the request). Pure functions: the store keeps state.
 */
import { randomBytes } from 'node:crypto';
import type { ShippoAddressInput } from './shippo-input.sim';

export const OWNER = 'station@example.com';

/** Shippo object ids: 32 lowercase hex characters (a uuid4 without dashes). */
export const objectId = (): string => randomBytes(16).toString('hex');

export const isoNow = (): string => new Date().toISOString();

export interface SandboxReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, status = 200): SandboxReply => ({ status, body });

/** DRF's `{"detail": …}` envelope (401, 403, 404, 429 and plain refusals). */
export const detail = (status: number, text: string): SandboxReply => ({ status, body: { detail: text } });

export const notFound = (): SandboxReply => detail(404, 'Not found.');

/** DRF field errors: `{"rate": ["This field is required."]}`. */
export const fieldError = (field: string, message: string): SandboxReply => ({ status: 400, body: { [field]: [message] } });

export const REQUIRED = 'This field is required.';

export const invalidPk = (field: string, id: string): SandboxReply => fieldError(field, `Invalid pk "${id}" - object does not exist.`);

const stamp = (at: string) => ({ object_owner: OWNER, object_created: at, object_updated: at });

export function wireAddress(id: string, a: ShippoAddressInput, at: string, validation: Record<string, unknown> | null = null): Record<string, unknown> {
  return {
    object_id: id,
    ...stamp(at),
    is_complete: Boolean(a.name && a.street1 && a.city && a.zip && a.country),
    name: a.name ?? '',
    company: a.company ?? '',
    street1: a.street1 ?? '',
    street2: a.street2 ?? '',
    street3: '',
    street_no: '',
    city: a.city ?? '',
    state: a.state ?? '',
    zip: a.zip ?? '',
    country: a.country,
    phone: a.phone ?? '',
    email: a.email ?? '',
    is_residential: null,
    metadata: '',
    ...(validation === null ? {} : { validation_results: validation }),
    test: true,
  };
}

export interface WireRate {
  object_id: string;
  object_owner: string;
  object_created: string;
  shipment: string;
  attributes: string[];
  amount: string;
  currency: 'USD';
  amount_local: string;
  currency_local: 'USD';
  provider: string;
  provider_image_75: string;
  provider_image_200: string;
  servicelevel: { name: string; token: string; terms: string };
  estimated_days: number;
  arrives_by: null;
  duration_terms: string;
  messages: unknown[];
  carrier_account: string;
  test: true;
  zone: string;
  included_insurance_price: null;
}

/** A transaction's `rate` as the 2018-02-08 replies show it: the CoreRate summary, not the whole rate. */
export const coreRate = (r: WireRate): Record<string, unknown> => ({
  amount: r.amount,
  amount_local: r.amount_local,
  currency: r.currency,
  currency_local: r.currency_local,
  object_id: r.object_id,
  provider: r.provider,
  carrier_account: r.carrier_account,
  servicelevel_name: r.servicelevel.name,
  servicelevel_token: r.servicelevel.token,
});

/**
 * A page of a list endpoint. `results` (default 5, at most 200: Shippo's filtering guide says larger values are
 * truncated) and `page` come from the query; `next`/`previous` are absolute URLs with the same filters, null at the
 * ends.
 */
export function page<T>(items: readonly T[], url: URL, wire: (item: T) => unknown = (item) => item): Record<string, unknown> {
  const size = Math.min(200, Math.max(1, Number(url.searchParams.get('results')) || 5));
  const current = Math.max(1, Number(url.searchParams.get('page')) || 1);
  const link = (n: number): string => {
    const next = new URL(url.href);
    next.searchParams.set('page', String(n));
    next.searchParams.set('results', String(size));
    return next.href;
  };
  const start = (current - 1) * size;
  return {
    next: start + size < items.length ? link(current + 1) : null,
    previous: current > 1 ? link(current - 1) : null,
    results: items.slice(start, start + size).map(wire),
  };
}
