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
