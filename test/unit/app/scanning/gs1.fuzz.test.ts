import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GS, Gs1Error, hasValidCheckDigit, parseGs1 } from '../../../../app/scanning/gs1';

const withCheckDigit = (body: string): string => {
  for (let d = 0; d <= 9; d++) if (hasValidCheckDigit(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
};
const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const cset82 = (max: number) => fc.string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength: max });
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe('parseGs1 fuzz', () => {
  it('never throws on arbitrary input, and returns data or a Gs1Error', () => {
    const noisy = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...'0123456789()]Cd12Q3e\x1d|'), maxLength: 60 }),
      fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    fc.assert(
      fc.property(noisy, (input) => {
        const result = parseGs1(input, { referenceYear: 2025, separators: ['|'] });
        expect(result instanceof Gs1Error || Array.isArray(result.ais)).toBe(true);
        if (!(result instanceof Gs1Error)) {
          // Nothing invented: a GTIN only ever comes from a valid 14-digit field of the input.
          if (result.gtin !== undefined) expect(hasValidCheckDigit(result.gtin) && input.includes(result.gtin)).toBe(true);
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('reads back what a GS1 encoder would transmit, in any order and either form', () => {
    fc.assert(
      fc.property(digits(13), cset82(20), cset82(20), fc.integer({ min: 1, max: 99_999_999 }), fc.boolean(), (body, lot, serial, qty, bracketed) => {
        const gtin = withCheckDigit(body);
        const input = bracketed
          ? `(01)${gtin}(10)${lot}(21)${serial}(30)${qty}`
          : `]d201${gtin}10${lot}${GS}21${serial}${GS}30${qty}`;
        // In bracketed form a value that itself contains "(dd)" is ambiguous; skip those.
        fc.pre(!bracketed || !/\(\d{2,4}\)/.test(lot + serial));
        const result = parseGs1(input, { referenceYear: 2025 });
        expect(result).toMatchObject({ gtin, lot, serial, quantity: qty });
      }),
      { numRuns: 2_000 },
    );
  });
});
