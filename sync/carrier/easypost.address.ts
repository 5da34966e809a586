/**
 * EasyPost address verification → the domain's verdict. `POST /addresses` with `verify` answers 201 with
 * `verifications.delivery` (success false and its errors when the address is not deliverable, as in
 * test_address_create_verify); with `verify_strict`, or on `GET /addresses/:id/verify`, the same failure is a 422
 * `ADDRESS.VERIFY.FAILURE` (test_address_verify_invalid_address). Both are a verdict, not an error.
 */
import type { Address } from '../../app/domain/address.schema';
import type { AddressVerdict } from '../../app/domain/carrier.schema';
import { isStationError } from '../../app/domain/errors';
import type { EasyPostAddress } from './easypost.schema';
import type { PlatformErrorDetail } from './platform-http';

const COMPARED = ['street1', 'street2', 'city', 'state', 'zip', 'country'] as const;

const NOT_VERIFIED = 'The carrier platform could not verify the address';

const unique = (items: readonly string[]): string[] => [...new Set(items.filter((s) => s.trim() !== ''))];

/** The verdict on `input` from the address the platform answered (with its `verifications`). */
export function addressVerdict(input: Address, answered: EasyPostAddress): AddressVerdict {
  const delivery = answered.verifications.delivery;
  // No delivery verification in the reply (the platform skipped it): nothing says the address is wrong.
  if (delivery === undefined) return { ok: true, address: input, corrected: false };
  if (!delivery.success) {
    const problems = unique(delivery.errors.map((e) => e.message));
    return { ok: false, problems: problems.length > 0 ? problems : [NOT_VERIFIED] };
  }
  const address: Address = { ...input };
  for (const key of COMPARED) {
    const value = answered[key];
    // EasyPost answers "" for a street2 it folded into street1 ("388 TOWNSEND ST APT 20").
    if (key === 'street2' && (value === '' || value === null)) delete address.street2;
    else if (typeof value === 'string' && value !== '') address[key] = value;
  }
  const corrected = COMPARED.some((key) => (address[key] ?? '') !== (input[key] ?? ''));
  return { ok: true, address, corrected };
}

/** A refusal that is a verdict (422 ADDRESS.VERIFY.FAILURE), else null: every other failure stays an error. */
export function verdictFromRefusal(e: unknown): AddressVerdict | null {
  if (!isStationError(e) || e.code !== 'REJECTED') return null;
  const detail = e.detail as Partial<PlatformErrorDetail> | undefined;
  if (detail?.code !== 'ADDRESS.VERIFY.FAILURE') return null;
  const problems = unique(detail.messages ?? []);
  return { ok: false, problems: problems.length > 0 ? problems : [NOT_VERIFIED] };
}
