/**
 * Addresses of the carrier sandbox with EasyPost's verification. `POST /addresses` answers 201; with `verify` the
 * reply carries `verifications.zip4`/`delivery` (success false and the errors when undeliverable, as in
 * test_address_create_verify); with `verify_strict`, on `GET /addresses/:id/verify` and on
 * `POST /addresses/create_and_verify`, an undeliverable address is a 422 ADDRESS.VERIFY.FAILURE
 * (test_address_verify_invalid_address). A deliverable one comes back corrected the way EasyPost corrects:
 * upper case, the unit folded into street1, ZIP+4.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SandboxAddressInputSchema } from './carrier-schema.sim';
import { blank, isoNow, newId, notFound, unprocessable, type SandboxReply } from './carrier-wire.sim';

// `POST /addresses` takes partial addresses (test_address_verify_invalid_address sends only `street1`).
const AddressBodySchema = z.object({
  address: SandboxAddressInputSchema.partial(),
  verify: z.unknown().optional(),
  verify_strict: z.unknown().optional(),
});
type AddressInput = z.infer<typeof AddressBodySchema>['address'];

interface FieldError {
  code: string;
  field: string;
  message: string;
  suggestion: null;
}

const NOT_FOUND: FieldError = { code: 'E.ADDRESS.NOT_FOUND', field: 'address', message: 'Address not found', suggestion: null };
const NO_HOUSE_NUMBER: FieldError = { code: 'E.HOUSE_NUMBER.MISSING', field: 'street1', message: 'House number is missing', suggestion: null };

/**
 * Why a US address cannot be delivered to, [] when it can. "Well formed" stands for "exists": a house number that
 * is not all zeros, a city, a two-letter state and a ZIP that is not 00000 (EasyPost's own failing fixtures use
 * "000 unknown street" / "00001"; the station's tests use "000 Nowhere Road, Nowhere CA 00000").
 */
export function deliveryErrors(a: AddressInput): FieldError[] {
  const country = (a.country ?? 'US').toUpperCase();
  const street = (a.street1 ?? '').trim();
  const house = /^(\d+)\s+\S/.exec(street)?.[1];
  if (country !== 'US') return street !== '' && (a.city ?? '') !== '' ? [] : [NOT_FOUND];
  if (house === undefined) return [NOT_FOUND, NO_HOUSE_NUMBER];
  const zip = (a.zip ?? '').trim();
  const wellFormed = /[1-9]/.test(house) && (a.city ?? '').trim() !== '' && /^[A-Za-z]{2}$/.test((a.state ?? '').trim()) && /^\d{5}(-\d{4})?$/.test(zip) && !/^0{5}/.test(zip);
  return wellFormed ? [] : [NOT_FOUND];
}

const zip4 = (a: AddressInput): string => {
  const zip = (a.zip ?? '').trim();
  if (!/^\d{5}$/.test(zip)) return zip;
  const digits = createHash('sha256').update(`${a.street1 ?? ''}|${zip}`).digest().readUInt16BE(0) % 10_000;
  return `${zip}-${String(digits).padStart(4, '0')}`;
};

const upper = (v: string | null | undefined): string | undefined => v?.toUpperCase() ?? undefined;

function corrected(a: AddressInput): AddressInput {
  const street1 = [a.street1, a.street2].filter((p) => p !== null && p !== undefined && p.trim() !== '').join(' ');
  return { ...a, name: upper(a.name), company: upper(a.company), street1: street1.toUpperCase(), street2: '', city: upper(a.city), state: upper(a.state), zip: zip4(a) };
}

function wire(a: AddressInput, verifications: Record<string, unknown>): Record<string, unknown> {
  const at = isoNow().replace('Z', '+00:00');
  const id = newId('adr');
  return {
    id,
    object: 'Address',
    created_at: at,
    updated_at: at,
    name: a.name ?? null,
    company: a.company ?? null,
    street1: a.street1 ?? null,
    street2: a.street2 ?? null,
    city: a.city ?? null,
    state: a.state ?? null,
    zip: a.zip ?? null,
    country: a.country ?? 'US',
    phone: a.phone ?? null,
    email: a.email ?? null,
    mode: 'test',
    carrier_facility: null,
    residential: verifications.delivery === undefined ? null : !a.company,
    federal_tax_id: null,
    state_tax_id: null,
    verifications,
  };
}

const verifyFailure = (errors: FieldError[]): SandboxReply => unprocessable('ADDRESS.VERIFY.FAILURE', 'Unable to verify address.', errors);

export class AddressBook {
  private readonly inputs = new Map<string, AddressInput>();

  /** `POST /addresses`; `query` says whether older clients asked by `?verify[]=…` / `?verify_strict[]=…`. */
  create(body: unknown, query: { verify: boolean; strict: boolean } = { verify: false, strict: false }): SandboxReply {
    const parsed = AddressBodySchema.safeParse(body);
    if (!parsed.success) return blank('address');
    const input = parsed.data.address;
    const strict = parsed.data.verify_strict !== undefined || query.strict;
    const verify = strict || parsed.data.verify !== undefined || query.verify;
    if (!verify) return this.created(input, input, {}, 201);
    const errors = deliveryErrors(input);
    if (errors.length > 0 && strict) return verifyFailure(errors);
    if (errors.length > 0) {
      return this.created(input, input, { zip4: { success: false, errors: [NOT_FOUND], details: null }, delivery: { success: false, errors, details: {} } }, 201);
    }
    return this.created(input, corrected(input), passed(), 201);
  }

  /** `POST /addresses/create_and_verify`: 200 `{address}` or the 422. */
  createAndVerify(body: unknown): SandboxReply {
    const parsed = AddressBodySchema.safeParse(body);
    if (!parsed.success) return blank('address');
    const errors = deliveryErrors(parsed.data.address);
    if (errors.length > 0) return verifyFailure(errors);
    const reply = this.created(parsed.data.address, corrected(parsed.data.address), passed(), 200);
    return { status: 200, body: { address: reply.body } };
  }

  /** `GET /addresses/:id/verify`: 200 `{address}` (a new, corrected Address) or the 422. */
  verify(id: string): SandboxReply {
    const input = this.inputs.get(id);
    if (!input) return notFound('Address');
    const errors = deliveryErrors(input);
    if (errors.length > 0) return verifyFailure(errors);
    return { status: 200, body: { address: this.created(input, corrected(input), passed(), 200).body } };
  }

  private created(input: AddressInput, shown: AddressInput, verifications: Record<string, unknown>, status: number): SandboxReply {
    const body = wire(shown, verifications);
    this.inputs.set(String(body.id), input);
    return { status, body, headers: { location: `/api/v2/addresses/${String(body.id)}` } };
  }
}

function passed(): Record<string, unknown> {
  return { zip4: { success: true, errors: [], details: null }, delivery: { success: true, errors: [], details: {} } };
}
