import { describe, expect, it } from 'vitest';
import { checkWeight, expectedWeightG } from '../../../../app/packing/weight-plausibility';

const tolerance = { pct: 10, grams: 50 };
const items = [
  { unitWeightG: 300, quantity: 2 },
  { unitWeightG: 200, quantity: 1 },
];

describe('weight plausibility', () => {
  it('expects products plus tare', () => {
    expect(expectedWeightG(items, 100)).toBe(900);
    expect(expectedWeightG([], 250)).toBe(250);
  });

  it('uses the percentage when it is larger than the absolute margin', () => {
    expect(checkWeight({ grams: 990, items, tareG: 100, tolerance })).toMatchObject({ accepted: true, minG: 810, maxG: 990, expectedG: 900 });
    expect(checkWeight({ grams: 810, items, tareG: 100, tolerance }).accepted).toBe(true);
    expect(checkWeight({ grams: 991, items, tareG: 100, tolerance })).toMatchObject({ accepted: false, reason: 'too_heavy' });
    expect(checkWeight({ grams: 809, items, tareG: 100, tolerance })).toMatchObject({ accepted: false, reason: 'too_light' });
  });

  it('uses the absolute margin for light parcels', () => {
    const light = [{ unitWeightG: 100, quantity: 1 }];
    expect(checkWeight({ grams: 150, items: light, tareG: 0, tolerance })).toMatchObject({ accepted: true, minG: 50, maxG: 150 });
    expect(checkWeight({ grams: 151, items: light, tareG: 0, tolerance }).accepted).toBe(false);
  });

  it('never accepts zero or a negative weight, even when the band reaches zero', () => {
    const tiny = [{ unitWeightG: 10, quantity: 1 }];
    expect(checkWeight({ grams: 0, items: tiny, tareG: 0, tolerance })).toMatchObject({ accepted: false, reason: 'not_positive', minG: 0 });
    expect(checkWeight({ grams: -5, items: tiny, tareG: 0, tolerance }).accepted).toBe(false);
    expect(checkWeight({ grams: 1, items: tiny, tareG: 0, tolerance }).accepted).toBe(true);
  });

  it('only requires a positive weight when a product has no known weight', () => {
    const unknown = [...items, { unitWeightG: 0, quantity: 3 }];
    expect(expectedWeightG(unknown, 100)).toBeNull();
    expect(checkWeight({ grams: 25_000, items: unknown, tareG: 100, tolerance })).toMatchObject({ accepted: true, expectedG: null, minG: null, maxG: null });
    expect(checkWeight({ grams: 0, items: unknown, tareG: 100, tolerance })).toMatchObject({ accepted: false, reason: 'not_positive' });
  });

  it('with zero tolerance accepts only the exact weight', () => {
    const exact = { pct: 0, grams: 0 };
    expect(checkWeight({ grams: 900, items, tareG: 100, tolerance: exact }).accepted).toBe(true);
    expect(checkWeight({ grams: 901, items, tareG: 100, tolerance: exact }).accepted).toBe(false);
  });
});
