import { describe, expect, it } from 'vitest';
import { formatSscc, gs1CheckDigit, isValidSscc, makeSscc, ssccCheckDigit } from '../../../../app/labels/sscc';
import { hasValidCheckDigit } from '../../../../app/scanning/gs1';

describe('GS1 check digit (General Specifications §7.9.1)', () => {
  it("matches GS1's worked example: GTIN-13 629104150021 → 3", () => {
    expect(gs1CheckDigit('629104150021')).toBe(3);
  });

  it('matches the SSCC example used across GS1 material, (00) 1 0614141 123456789 7', () => {
    expect(ssccCheckDigit('10614141123456789')).toBe(7);
  });

  it('agrees with the scanner-side validator on many SSCCs', () => {
    for (let n = 0; n < 500; n += 1) {
      const data = String(10_614_141_000_000_000n + BigInt(n * 7919)).padStart(17, '0');
      expect(hasValidCheckDigit(`${data}${ssccCheckDigit(data)}`)).toBe(true);
    }
  });

  it('refuses anything but 17 digits', () => {
    expect(() => ssccCheckDigit('1234')).toThrow(/17 data digits/);
    expect(() => ssccCheckDigit('1061414112345678A')).toThrow();
  });
});

describe('makeSscc', () => {
  it('builds extension + prefix + zero-padded serial + check digit', () => {
    expect(makeSscc({ extensionDigit: 1, companyPrefix: '0614141', serialReference: 123456789 })).toBe('106141411234567897');
    expect(makeSscc({ extensionDigit: 3, companyPrefix: '4012345', serialReference: 77 })).toBe('340123450000000772');
  });

  it('takes a string serial of exactly 16 − prefix digits', () => {
    expect(makeSscc({ extensionDigit: 0, companyPrefix: '123456789', serialReference: '0000001' })).toHaveLength(18);
    expect(() => makeSscc({ extensionDigit: 0, companyPrefix: '123456789', serialReference: '1' })).toThrow(/7 digits/);
  });

  it('rejects a serial that does not fit, a bad prefix and a bad extension digit with CONFIG', () => {
    expect(() => makeSscc({ extensionDigit: 0, companyPrefix: '0614141', serialReference: 1_234_567_890 })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
    expect(() => makeSscc({ extensionDigit: 0, companyPrefix: '12', serialReference: 1 })).toThrow(/4–12 digits/);
    expect(() => makeSscc({ extensionDigit: 10, companyPrefix: '0614141', serialReference: 1 })).toThrow(/0–9/);
    expect(() => makeSscc({ extensionDigit: 0, companyPrefix: '0614141', serialReference: -1 })).toThrow();
  });
});

describe('formatSscc / isValidSscc', () => {
  it('spaces the parts when the prefix length is known', () => {
    expect(formatSscc('106141411234567897', 7)).toBe('(00) 1 0614141 123456789 7');
    expect(formatSscc('106141411234567897')).toBe('(00) 106141411234567897');
  });

  it('validates length and check digit', () => {
    expect(isValidSscc('106141411234567897')).toBe(true);
    expect(isValidSscc('106141411234567890')).toBe(false);
    expect(isValidSscc('10614141123456789')).toBe(false);
  });
});
