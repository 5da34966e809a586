/**
 * Shippo's error replies. Shippo answers with Django REST Framework envelopes: `{"detail": "Token does not exist"}`
 * (401, 403, 404, 429) or field errors keyed by the request's own fields, nested like the body —
 * `{"address_to": ["This field is required."]}`, `{"address_from": [{"__all__": ["…"]}]}`, `{"__all__": ["…"]}`
 * (seen in goshippo client issues and the authentication docs). Carrier-side failures are not here: they come back
 * inside a 200/201 as `messages[]` (see shippo.purchase.ts).
 */
import type { StationErrorCode } from '../../app/domain/errors';
import type { PlatformErrorReading } from './platform-http';

/** Keys DRF uses for errors that belong to no single field. */
const NON_FIELD = new Set(['__all__', 'non_field_errors']);

function flatten(value: unknown, path: string[], out: string[]): void {
  if (typeof value === 'string') {
    out.push(path.length > 0 ? `${path.join('.')}: ${value}` : value);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(item, typeof item === 'object' && item !== null && value.length > 1 ? [...path, String(i)] : path, out));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, NON_FIELD.has(key) ? path : [...path, key], out);
  }
}

/** Reads any Shippo error body; null for bodies that are not JSON objects or lists (a proxy's HTML page). */
export function readShippoError(body: unknown): PlatformErrorReading | null {
  if (Array.isArray(body)) {
    const errors: string[] = [];
    flatten(body, [], errors);
    return { code: null, message: null, errors };
  }
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const detail = typeof record.detail === 'string' ? record.detail : null;
  const title = typeof record.title === 'string' ? record.title : null;
  const errors: string[] = [];
  const fields = Object.fromEntries(Object.entries(record).filter(([k]) => k !== 'detail' && k !== 'title'));
  flatten(fields, [], errors);
  return { code: title, message: detail, errors };
}

/**
 * Shippo documents 409 as "too many concurrent calls" (or a duplicate address-book entry, which the station never
 * creates): wait and try again, like a 429.
 */
export function shippoCodeFor(status: number): StationErrorCode | undefined {
  return status === 409 ? 'RATE_LIMITED' : undefined;
}
