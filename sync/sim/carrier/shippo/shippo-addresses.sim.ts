/**
 * The sandbox's address validator, shaped like Shippo's `validation_results` ({is_valid, messages[{source, code,
 * type, text}]}, codes from the SDK's AddressValidationResultsMessageCodeEnum). US addresses are checked for form —
 * a house number and street, a city, a two-letter state and a ZIP — and `000 Nowhere Road`, ZIP 00000, is the
 * address that does not exist. A valid address comes back cleaned (street suffixes abbreviated the USPS way).
 * Addresses outside the US are not validated, as in Shippo's test mode: `validation_results` stays empty.
 */
import type { ShippoAddressInput } from './shippo-input.sim';

const SOURCE = 'Shippo Address Validator';

export interface ValidationOutcome {
  results: Record<string, unknown>;
  cleaned: ShippoAddressInput;
}

const SUFFIXES: readonly [RegExp, string][] = [
  [/\bStreet\b\.?/i, 'St'],
  [/\bAvenue\b\.?/i, 'Ave'],
  [/\bRoad\b\.?/i, 'Rd'],
  [/\bDrive\b\.?/i, 'Dr'],
  [/\bBoulevard\b\.?/i, 'Blvd'],
];

const message = (code: string, text: string) => ({ source: SOURCE, code, type: 'address_error', text });

function problems(a: ShippoAddressInput): ReturnType<typeof message>[] {
  const street = (a.street1 ?? '').trim();
  const zip = (a.zip ?? '').trim();
  if (zip === '00000' || /^0+\s+nowhere\b/i.test(street)) {
    return [message('Address Not Found', 'The address as submitted could not be found. Please check for excessive abbreviations in the street address line or in the City name.')];
  }
  const found: ReturnType<typeof message>[] = [];
  if (!/^\d+[A-Za-z]?(-\d+)?\s+\S/.test(street)) found.push(message('premise_number_missing', 'The street address lacks a house number.'));
  if (!(a.city ?? '').trim() || !/^[A-Za-z]{2}$/.test((a.state ?? '').trim()) || !/^\d{5}(-\d{4})?$/.test(zip)) {
    found.push(message('Invalid City/State/Zip', 'The city, state and ZIP code do not form a valid combination.'));
  }
  return found;
}

export function validateAddress(a: ShippoAddressInput): ValidationOutcome {
  if (a.country.toUpperCase() !== 'US') return { results: {}, cleaned: a };
  const found = problems(a);
  if (found.length > 0) return { results: { is_valid: false, messages: found }, cleaned: a };
  const street1 = SUFFIXES.reduce((s, [pattern, abbreviation]) => s.replace(pattern, abbreviation), (a.street1 ?? '').trim());
  return { results: { is_valid: true, messages: [] }, cleaned: { ...a, street1, state: (a.state ?? '').toUpperCase() } };
}
