/**
 * Personal data out of what the hub keeps and shows: a platform's webhook body, a polled tracker, an audit entry's
 * data. Carrier events are kept for audit (what was said, when, where the parcel was scanned) but not who the
 * recipient is: names, companies, streets, phones, e-mails and the free text people write are masked at any depth
 * before anything is stored or shown. Secrets (api keys, tokens) go too (SECRET_KEY of the outbox's masking).
 *
 * Keys are compared without case, `_` or `-` (`first_name`, `firstName`, `first-name` are one key).
 */
import { SECRET_KEY } from '../outbox/payload.mask';

export const PERSONAL_MASK = '[personal]';

/** A value under one of these keys is a person or where they live: masked whole. */
export const PERSONAL_KEYS: readonly string[] = [
  'name',
  'firstname',
  'lastname',
  'fullname',
  'company',
  'companyname',
  'street',
  'street1',
  'street2',
  'street3',
  'streetno',
  'streetnumber',
  'address1',
  'address2',
  'address3',
  'addressline1',
  'addressline2',
  'addressline3',
  'phone',
  'phonenumber',
  'mobile',
  'fax',
  'email',
  'emailaddress',
  // EasyPost's tracker: who signed for the parcel.
  'signedby',
  'signer',
  'recipientname',
  'contactname',
  'attention',
];

/** Free text written by people (Shippo's `metadata`, delivery notes): it may say anything about anyone, masked whole. */
export const PEOPLES_TEXT_KEYS: readonly string[] = ['metadata', 'note', 'notes', 'instructions', 'deliveryinstructions', 'comment', 'comments', 'remarks'];

/** Objects that are a person or an address: everything in them but the country is masked. */
export const ADDRESS_KEYS: readonly string[] = [
  'address',
  'addressto',
  'addressfrom',
  'toaddress',
  'fromaddress',
  'buyeraddress',
  'returnaddress',
  'shipto',
  'shipfrom',
  'recipient',
  'sender',
  'customer',
  'partner',
];
const KEEP_IN_ADDRESS: readonly string[] = ['country', 'countrycode', 'object', 'id', 'objectid'];

/**
 * The carrier's own words about a scan (`message`, `description`, `status_details`, a substatus `text`): kept for
 * audit, with what may name or reach the recipient taken out (maskPersonalText).
 */
export const CARRIER_TEXT_KEYS: readonly string[] = ['message', 'description', 'statusdetails', 'text', 'details'];

const norm = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');
const PERSONAL = new Set(PERSONAL_KEYS);
const PEOPLES_TEXT = new Set(PEOPLES_TEXT_KEYS);
const ADDRESS = new Set(ADDRESS_KEYS);
const KEEP = new Set(KEEP_IN_ADDRESS);
const CARRIER_TEXT = new Set(CARRIER_TEXT_KEYS);

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Grouped like a phone number (+1 (555) 123-4567, 0171 1234567, 555.123.4567); a date (2024-08-02) has a 2-digit group.
const PHONE = /(?<![\w-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d{3,5}[ .-]\d{3,8}(?:[ .-]\d{2,5})?(?![\w-])/g;
// "Delivered, signed for by: J SMITH" — the name runs to the next punctuation.
const SIGNED_BY = /\b(signed (?:for )?by|received by|left with|signature of)(\s*:?\s*)[^,.;()\n]+/gi;

/** A carrier's free text without e-mail addresses, phone numbers or the name after "signed by" / "left with". */
export function maskPersonalText(text: string): string {
  return text.replace(EMAIL, PERSONAL_MASK).replace(SIGNED_BY, `$1$2${PERSONAL_MASK}`).replace(PHONE, PERSONAL_MASK);
}

/** Nothing to hide in an empty value or a flag (`residential: true`). */
const maskWhole = (value: unknown): unknown => (value === '' || value === null || value === undefined || typeof value === 'boolean' ? value : PERSONAL_MASK);

/** A copy of `value` (parsed JSON, any depth) with personal data and secrets masked; other values are kept as they are. */
export function maskPersonalData(value: unknown): unknown {
  return mask(value, '', false);
}

function mask(value: unknown, key: string, inAddress: boolean): unknown {
  const k = norm(key);
  if (key !== '' && SECRET_KEY.test(key) && value !== null && typeof value !== 'object') return PERSONAL_MASK;
  if (PERSONAL.has(k) || PEOPLES_TEXT.has(k)) return maskWhole(value);
  if (Array.isArray(value)) return value.map((item) => mask(item, key, inAddress));
  if (typeof value === 'object' && value !== null) {
    const within = inAddress || ADDRESS.has(k);
    return Object.fromEntries(Object.entries(value).map(([childKey, child]) => [childKey, mask(child, childKey, within)]));
  }
  if (inAddress && !KEEP.has(k)) return maskWhole(value);
  if (typeof value !== 'string') return value;
  return CARRIER_TEXT.has(k) ? maskPersonalText(value) : value.replace(EMAIL, PERSONAL_MASK);
}
