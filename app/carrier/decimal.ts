/**
 * Money as the platforms send it: decimal strings. Comparing them as floats (or worse, as strings: "10.50" < "9.90")
 * picks the wrong rate, so they are compared exactly as scaled integers.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export const isDecimal = (value: string): boolean => DECIMAL.test(value.trim());

function toScaled(value: string, scale: number): bigint {
  const m = DECIMAL.exec(value.trim());
  if (m === null) throw new RangeError(`"${value}" is not a decimal number`);
  const [, sign = '', int = '0', frac = ''] = m;
  const n = BigInt(int + frac.padEnd(scale, '0'));
  return sign === '-' ? -n : n;
}

const fractionDigits = (value: string): number => value.trim().split('.')[1]?.length ?? 0;

/** Negative, zero or positive like `Array.prototype.sort` expects; exact for any number of decimals. */
export function compareDecimalStrings(a: string, b: string): number {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const x = toScaled(a, scale);
  const y = toScaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The sum of decimal strings, exact, with as many decimals as the most precise of them. */
export function sumDecimalStrings(values: readonly string[]): string {
  const scale = values.reduce((max, v) => Math.max(max, fractionDigits(v)), 0);
  const total = values.reduce((sum, v) => sum + toScaled(v, scale), 0n);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`;
}
