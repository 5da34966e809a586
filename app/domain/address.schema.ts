import { z } from 'zod';

/** A postal address as the carrier platform needs it (built from an Odoo res.partner). */
export const AddressSchema = z.object({
  name: z.string(),
  company: z.string().optional(),
  street1: z.string(),
  street2: z.string().optional(),
  city: z.string(),
  state: z.string().optional(),
  zip: z.string(),
  country: z.string().length(2),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type Address = z.infer<typeof AddressSchema>;

/** The address as printed, one line each: name, company, streets, "zip city state", country; empty parts left out. */
export function postalLines(a: Address): string[] {
  const cityLine = [a.zip, a.city, a.state].filter((p) => p !== undefined && p !== '').join(' ');
  return [a.name, a.company, a.street1, a.street2, cityLine, a.country].filter((l): l is string => typeof l === 'string' && l.trim() !== '');
}
