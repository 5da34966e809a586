/**
 * How a station chooses among the rates a platform offers. Configured per station (`carrier.policy`) and per Odoo
 * delivery carrier (`carrier.policies["<delivery carrier name>"]`, which wins for that carrier's pickings).
 */
import { z } from 'zod';

const Decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal amount like "25.00"');

export const RatePolicySchema = z.strictObject({
  /**
   * `cheapest`; `fastest` (fewest days in transit, cheapest among equals); `cheapest-within` (cheapest that arrives
   * within `withinBusinessDays`, or by the picking's deadline when `byDeadline`); `preferred` (the first of
   * `preferred` offered, cheapest if several carriers offer it; none offered → cheapest).
   */
  choose: z.enum(['cheapest', 'fastest', 'cheapest-within', 'preferred']).default('cheapest'),
  withinBusinessDays: z.number().int().positive().optional(),
  /** With `cheapest-within`: arrive by the picking's deadline (Odoo `date_deadline`), when it has one. */
  byDeadline: z.boolean().default(false),
  /** Services in order, as `service` or `carrier:service` (e.g. `["USPS:Priority", "GroundAdvantage"]`), case-insensitive. */
  preferred: z.array(z.string().min(1)).default([]),
  /** Only these carriers (empty = all), and never these. */
  allowCarriers: z.array(z.string().min(1)).default([]),
  blockCarriers: z.array(z.string().min(1)).default([]),
  /** Only these platform carrier accounts (empty = all), and never these. */
  allowAccounts: z.array(z.string().min(1)).default([]),
  blockAccounts: z.array(z.string().min(1)).default([]),
  /** Above this the parcel goes to the exception queue instead of being bought (in the rate's currency). */
  maxPrice: Decimal.optional(),
});
export type RatePolicy = z.infer<typeof RatePolicySchema>;
