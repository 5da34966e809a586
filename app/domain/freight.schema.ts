import { z } from 'zod';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * What a picking's live labels cost together: the sum of the rates actually bought for its parcels (voided labels
 * left out), in their one currency. Labels bought in more than one currency have no single total: `mixed`, with the
 * currencies, and nothing is written to Odoo's one-number "Shipping Cost" then.
 */
export const FreightTotalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('total'),
    /** A decimal string, as the platforms send money; "0.00" with no label. */
    amount: z.string().regex(DECIMAL),
    /** ISO 4217 as the platform gave it; null when the picking has no live label. */
    currency: z.string().nullable(),
    labels: z.number().int().nonnegative(),
  }),
  z.object({ kind: z.literal('mixed'), currencies: z.array(z.string()).min(2), labels: z.number().int().nonnegative() }),
]);
export type FreightTotal = z.infer<typeof FreightTotalSchema>;

const scaleOf = (value: string): number => value.split('.')[1]?.length ?? 0;

/** Exact sum of decimal strings (never through floats), with as many decimals as the most precise one, at least 2. */
export function sumDecimals(values: readonly string[]): string {
  for (const v of values) if (!DECIMAL.test(v)) throw new Error(`not a decimal amount: "${v}"`);
  const scale = Math.max(2, ...values.map(scaleOf));
  const units = values.reduce((total, v) => {
    const [whole = '0', fraction = ''] = v.replace('-', '').split('.');
    const magnitude = BigInt(whole + fraction.padEnd(scale, '0'));
    return total + (v.startsWith('-') ? -magnitude : magnitude);
  }, 0n);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The freight of these labels' rates: one total in their currency, or `mixed`. */
export function freightTotal(rates: readonly { rate: string; currency: string }[]): FreightTotal {
  const currencies = [...new Set(rates.map((r) => r.currency.trim().toUpperCase()))].sort();
  if (currencies.length > 1) return { kind: 'mixed', currencies, labels: rates.length };
  return { kind: 'total', amount: sumDecimals(rates.map((r) => r.rate)), currency: currencies[0] ?? null, labels: rates.length };
}
