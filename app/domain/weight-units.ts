/** Weight units the systems speak (Odoo's `weight_uom_name`, carriers' report columns), in grams, by their usual names. */
export const GRAMS_PER_OUNCE = 28.349523125;
export const GRAMS_PER_POUND = 453.59237;

export const GRAMS_PER_UNIT: Readonly<Record<string, number>> = { g: 1, kg: 1000, oz: GRAMS_PER_OUNCE, lb: GRAMS_PER_POUND, lbs: GRAMS_PER_POUND };

/** Grams in one `unit` (case and spaces ignored), or undefined for a unit not listed (never a prototype key). */
export function gramsPerUnit(unit: string): number | undefined {
  const key = unit.trim().toLowerCase();
  return Object.hasOwn(GRAMS_PER_UNIT, key) ? GRAMS_PER_UNIT[key] : undefined;
}
