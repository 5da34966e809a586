/**
 * Serial Shipping Container Code (AI 00): extension digit + GS1 Company Prefix + serial reference (together 17
 * digits) + a mod-10 check digit. GS1 General Specifications §2.2.1 (SSCC structure: company prefix and serial
 * reference together always 16 digits) and §7.9.1 (check digit: weights 3 and 1 alternating from the rightmost
 * data digit, which has weight 3; the check digit brings the sum up to a multiple of ten).
 */
import { StationError } from '../domain/errors';
import { hasValidCheckDigit, mod10CheckDigit } from '../scanning/gs1';

/** GS1 mod-10 check digit of any all-digit data string (GTIN, GLN, SSCC without its last digit). */
export function gs1CheckDigit(data: string): number {
  if (!/^\d+$/.test(data)) throw new StationError('REJECTED', `GS1 check digit needs digits only, got "${data}"`);
  return mod10CheckDigit(data);
}

/** Check digit of the 17 data digits of an SSCC. */
export function ssccCheckDigit(digits17: string): number {
  if (!/^\d{17}$/.test(digits17)) throw new StationError('REJECTED', `an SSCC has 17 data digits before its check digit, got "${digits17}"`);
  return gs1CheckDigit(digits17);
}

export interface SsccParts {
  /** 0–9, chosen by the company that builds the SSCC to extend its serial range. */
  extensionDigit: number;
  /** The GS1 Company Prefix as licensed: 4–12 digits (GS1 GenSpecs §1.4.4), leading zeros kept. */
  companyPrefix: string;
  /** A number is left-padded with zeros to fill 16 − prefix digits; a string must already have that length. */
  serialReference: string | number;
}

/** The 18-digit SSCC, check digit included. Throws StationError('CONFIG') for a prefix or serial that does not fit. */
export function makeSscc(parts: SsccParts): string {
  const { extensionDigit, companyPrefix } = parts;
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) {
    throw new StationError('CONFIG', `SSCC extension digit must be 0–9, got ${extensionDigit}`);
  }
  if (!/^\d{4,12}$/.test(companyPrefix)) {
    throw new StationError('CONFIG', `GS1 Company Prefix must be 4–12 digits, got "${companyPrefix}"`);
  }
  const serialLength = 16 - companyPrefix.length;
  let serial: string;
  if (typeof parts.serialReference === 'number') {
    if (!Number.isSafeInteger(parts.serialReference) || parts.serialReference < 0) {
      throw new StationError('CONFIG', `SSCC serial reference must be a non-negative integer, got ${parts.serialReference}`);
    }
    serial = String(parts.serialReference).padStart(serialLength, '0');
  } else {
    serial = parts.serialReference;
  }
  if (!/^\d+$/.test(serial) || serial.length !== serialLength) {
    throw new StationError(
      'CONFIG',
      `SSCC serial reference must be ${serialLength} digits with a ${companyPrefix.length}-digit company prefix (prefix + serial = 16), got "${serial}"`,
    );
  }
  const data = `${extensionDigit}${companyPrefix}${serial}`;
  return `${data}${ssccCheckDigit(data)}`;
}

/**
 * Human-readable SSCC as printed under the barcode: "(00) 1 0614141 123456789 7" when the prefix length is known
 * (GS1 Logistic Label Guideline shows the parts spaced), else "(00) 106141411234567897".
 */
export function formatSscc(sscc: string, companyPrefixLength?: number): string {
  if (!/^\d{18}$/.test(sscc)) throw new StationError('REJECTED', `an SSCC has 18 digits, got "${sscc}"`);
  if (companyPrefixLength === undefined) return `(00) ${sscc}`;
  if (companyPrefixLength < 4 || companyPrefixLength > 12) throw new StationError('REJECTED', `company prefix length ${companyPrefixLength} is not 4–12`);
  const prefixEnd = 1 + companyPrefixLength;
  return `(00) ${sscc.slice(0, 1)} ${sscc.slice(1, prefixEnd)} ${sscc.slice(prefixEnd, 17)} ${sscc.slice(17)}`;
}

/** True when `sscc` is 18 digits with a correct check digit. */
export function isValidSscc(sscc: string): boolean {
  return /^\d{18}$/.test(sscc) && hasValidCheckDigit(sscc);
}
