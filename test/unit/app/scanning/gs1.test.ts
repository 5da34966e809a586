/**
 * Vectors: GS1 General Specifications examples — (01)09501101530003 (the GS1 example GTIN used throughout the
 * General Specifications and the GS1 DataMatrix Guideline), SSCC 106141412345678908 (General Specifications §2.2.1
 * example), symbology identifiers ]C1 / ]d2 / ]Q3 / ]e0 (§5.1.2 / §7.8), GS as the transmitted FNC1 separator
 * (GSCN 16-477), day 00 = end of month (§3.4.7), century rule (§7.12).
 */
import { describe, expect, it } from 'vitest';
import { GS, Gs1Error, gs1Date, hasValidCheckDigit, looksLikeGs1, parseGs1, stripSymbologyId, type Gs1Data, type Gs1Options } from '../../../../app/scanning/gs1';

const GTIN = '09501101530003';
const SSCC = '106141412345678908';
const opts: Gs1Options = { referenceYear: 2025 };

const ok = (input: string, options = opts): Gs1Data => {
  const result = parseGs1(input, options);
  if (result instanceof Gs1Error) throw new Error(`${input}: ${result.code} ${result.message}`);
  return result;
};
const err = (input: string, options = opts): Gs1Error => {
  const result = parseGs1(input, options);
  if (!(result instanceof Gs1Error)) throw new Error(`${input}: parsed, expected an error`);
  return result;
};

describe('parseGs1: symbologies and separators', () => {
  it('reads a GS1-128 scan with ]C1, predefined-length AIs back to back and GS after variable ones', () => {
    expect(ok(`]C101${GTIN}17260700` + `10AB-123${GS}21SN0001`)).toEqual({
      symbology: 'gs1-128',
      gtin: GTIN,
      expiry: '2026-07-31',
      lot: 'AB-123',
      serial: 'SN0001',
      ais: [
        { ai: '01', value: GTIN },
        { ai: '17', value: '260700' },
        { ai: '10', value: 'AB-123' },
        { ai: '21', value: 'SN0001' },
      ],
    });
  });

  it('reads GS1 DataMatrix (]d2), GS1 QR (]Q3) and GS1 DataBar (]e0)', () => {
    expect(ok(`]d201${GTIN}21ABC${GS}10L1`)).toMatchObject({ symbology: 'gs1-datamatrix', gtin: GTIN, serial: 'ABC', lot: 'L1' });
    expect(ok(`]Q301${GTIN}3012`)).toMatchObject({ symbology: 'gs1-qr', gtin: GTIN, quantity: 12 });
    expect(ok(`]e001${GTIN}`)).toMatchObject({ symbology: 'gs1-databar', gtin: GTIN });
  });

  it('accepts FNC1 in first position sent as a leading GS, and a GS after a fixed-length field', () => {
    expect(ok(`${GS}01${GTIN}${GS}10X`)).toMatchObject({ symbology: null, gtin: GTIN, lot: 'X' });
  });

  it('reads the human-readable bracketed form', () => {
    expect(ok(`(01)${GTIN}(17)140704(10)AB-123`)).toMatchObject({ gtin: GTIN, expiry: '2014-07-04', lot: 'AB-123' });
    expect(ok(`(00)${SSCC}`)).toMatchObject({ sscc: SSCC });
  });

  it('replaces a configured field-separator substitute by GS', () => {
    expect(ok(`01${GTIN}10LOT-9|21S-1`, { ...opts, separators: ['|'] })).toMatchObject({ lot: 'LOT-9', serial: 'S-1' });
    // Without the setting the | is simply an illegal lot character.
    expect(err(`01${GTIN}10LOT-9|21S-1`).code).toBe('BAD_CHARACTER');
  });

  it('refuses a non-GS1 symbology identifier and strips it on request', () => {
    expect(err(']E05901234123457').code).toBe('NOT_GS1');
    expect(stripSymbologyId(']E05901234123457')).toBe('5901234123457');
    expect(stripSymbologyId('5901234123457')).toBe('5901234123457');
  });

  it('knows GS1 data by its markers only', () => {
    expect(looksLikeGs1(`]C100${SSCC}`)).toBe(true);
    expect(looksLikeGs1(`01${GTIN}${GS}10A`)).toBe(true);
    expect(looksLikeGs1(`(01)${GTIN}`)).toBe(true);
    expect(looksLikeGs1('5901234123457')).toBe(false);
    expect(looksLikeGs1('WH/OUT/00012')).toBe(false);
  });
});

describe('parseGs1: AIs', () => {
  it('SSCC (00) with its check digit; 02 + 37 on a logistic unit', () => {
    expect(ok(`00${SSCC}02${GTIN}37120`)).toMatchObject({ sscc: SSCC, gtin: GTIN, quantity: 120 });
    expect(err(`00${SSCC.slice(0, 17)}9`)).toMatchObject({ code: 'BAD_CHECK_DIGIT', ai: '00' });
  });

  it('GTIN check digit, length and digits', () => {
    expect(err(`01${GTIN.slice(0, 13)}4`)).toMatchObject({ code: 'BAD_CHECK_DIGIT', ai: '01' });
    expect(err(`01${GTIN.slice(0, 10)}`)).toMatchObject({ code: 'TRUNCATED', ai: '01' });
    expect(err('01095011015300A3')).toMatchObject({ code: 'BAD_CHARACTER' });
  });

  it('lot and serial are at most 20 characters of set 82', () => {
    expect(ok(`10${'A'.repeat(20)}`).lot).toHaveLength(20);
    expect(err(`10${'A'.repeat(21)}`)).toMatchObject({ code: 'TOO_LONG', ai: '10' });
    expect(err(`21${'B'.repeat(21)}`)).toMatchObject({ code: 'TOO_LONG', ai: '21' });
    expect(err('21SN 1')).toMatchObject({ code: 'BAD_CHARACTER', ai: '21' });
    expect(err(`10${GS}21X`)).toMatchObject({ code: 'TRUNCATED', ai: '10' });
  });

  it('quantity from 30 or 37, at most 8 digits', () => {
    expect(ok('305').quantity).toBe(5);
    expect(ok('3712345678').quantity).toBe(12345678);
    expect(err('30123456789')).toMatchObject({ code: 'TOO_LONG', ai: '30' });
  });

  it('310n net weight in kg with n decimals, 320n in lb', () => {
    expect(ok(`01${GTIN}3103001250`).netWeightG).toBe(1250);
    expect(ok('3100000002').netWeightG).toBe(2000);
    expect(ok('3105123456').netWeightG).toBe(1234.56);
    expect(ok('3202000100').netWeightG).toBe(453.592);
    expect(err('3106001250')).toMatchObject({ code: 'UNKNOWN_AI', ai: '3106' });
    expect(err('310300125')).toMatchObject({ code: 'TRUNCATED' });
  });

  it('expiry: day 00 is the last day of the month (leap years too), impossible dates are errors', () => {
    expect(ok('17240200').expiry).toBe('2024-02-29');
    expect(ok('17250200').expiry).toBe('2025-02-28');
    expect(ok('17251231').expiry).toBe('2025-12-31');
    expect(err('17251301')).toMatchObject({ code: 'BAD_DATE', ai: '17' });
    expect(err('17250230')).toMatchObject({ code: 'BAD_DATE' });
    expect(err('11250000')).toMatchObject({ code: 'BAD_DATE', ai: '11' });
  });

  it('chooses the century within -49..+50 years of the reference year', () => {
    expect(gs1Date('751231', 2025)).toBe('2075-12-31');
    expect(gs1Date('761231', 2025)).toBe('1976-12-31');
    expect(gs1Date('010101', 2099)).toBe('2101-01-01');
  });

  it('unknown AIs are errors, never dropped', () => {
    expect(err(`01${GTIN}8200http://x`)).toMatchObject({ code: 'UNKNOWN_AI' });
    expect(err('(01)09501101530003(7003)2501011200')).toMatchObject({ code: 'UNKNOWN_AI', ai: '7003' });
    expect(err('59012341')).toMatchObject({ code: 'UNKNOWN_AI', ai: '59' });
  });

  it('the same AI twice must agree', () => {
    expect(ok(`10A${GS}10A`).lot).toBe('A');
    expect(err(`10A${GS}10B`)).toMatchObject({ code: 'DUPLICATE_AI', ai: '10' });
  });

  it('empty data is an error', () => {
    expect(err('').code).toBe('EMPTY');
    expect(err(']d2').code).toBe('EMPTY');
    expect(err('(01').code).toBe('NOT_GS1');
  });
});

describe('hasValidCheckDigit', () => {
  it('matches the GS1 mod-10 for GTIN-8/12/13/14 and SSCC', () => {
    for (const code of ['96385074', '036000291452', '5901234123457', GTIN, SSCC]) expect(hasValidCheckDigit(code)).toBe(true);
    for (const code of ['96385075', '5901234123458', '', '1', 'ABC']) expect(hasValidCheckDigit(code)).toBe(false);
  });
});
