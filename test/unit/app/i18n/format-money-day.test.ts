import { expect, it } from 'vitest';
import { formatDay, formatMoney } from '../../../../app/i18n/format';

it("shows a platform's amount in its currency the way each language writes money", () => {
  expect(formatMoney('7.58', 'USD', 'en')).toBe('$7.58');
  expect(formatMoney('1234.5', 'EUR', 'de')).toBe('1.234,50\u00a0€');
  expect(formatMoney('7.5', 'EUR', 'fr')).toBe('7,50\u00a0€');
  expect(formatMoney(7.58, 'USD', 'es')).toBe('7,58\u00a0US$');
  // A code Intl refuses, or an amount that is no number, is shown as it came.
  expect(formatMoney('7.58', 'US', 'de')).toBe('7,58 US');
  expect(formatMoney('n/a', 'USD', 'en')).toBe('n/a USD');
});

it('shows a shipping day as a date in the reader’s language, whatever the time zone', () => {
  expect(formatDay('2026-12-03', 'en')).toBe('Dec 3, 2026');
  expect(formatDay('2026-12-03', 'de')).toBe('03.12.2026');
  expect(formatDay('2026-12-03', 'es')).toBe('3 dic 2026');
  expect(formatDay('today', 'fr')).toBe('today');
});
