import { describe, expect, it } from 'vitest';
import { freightTotal, sumDecimals } from '../../../app/domain/freight.schema';

describe('freight', () => {
  it('sums decimal strings exactly, never through floats', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.30');
    expect(sumDecimals(['7.58', '6.07', '12.5'])).toBe('26.15');
    expect(sumDecimals(['7.585', '1'])).toBe('8.585');
    expect(sumDecimals(['-2.50', '1.25'])).toBe('-1.25');
    expect(sumDecimals([])).toBe('0.00');
    expect(() => sumDecimals(['7,58'])).toThrow(/not a decimal amount/);
  });

  it('one currency: a total; several: mixed, with each currency once (case as ISO)', () => {
    expect(freightTotal([{ rate: '7.58', currency: 'USD' }, { rate: '6.07', currency: 'usd' }])).toEqual({ kind: 'total', amount: '13.65', currency: 'USD', labels: 2 });
    expect(freightTotal([])).toEqual({ kind: 'total', amount: '0.00', currency: null, labels: 0 });
    expect(freightTotal([{ rate: '7.58', currency: 'USD' }, { rate: '9', currency: 'EUR' }, { rate: '1', currency: 'EUR' }])).toEqual({ kind: 'mixed', currencies: ['EUR', 'USD'], labels: 3 });
  });
});
