import { z } from 'zod';

/** One product line as the station packed it, or as Odoo has it now (an Odoo `stock.move`, cancelled ones left out). */
export const FactLineSchema = z.object({
  moveId: z.number().int(),
  productId: z.number().int(),
  productName: z.string(),
  quantity: z.number(),
});
export type FactLine = z.infer<typeof FactLineSchema>;

/**
 * The delivery address as far as a label depends on it. The contact (`partnerId`) and the street/city/zip are
 * compared; they are never written into a conflict's text (personal data): the text names the fields that changed.
 */
export const FactAddressSchema = z.object({
  partnerId: z.number().int().nullable(),
  street1: z.string(),
  street2: z.string(),
  city: z.string(),
  zip: z.string(),
});
export type FactAddress = z.infer<typeof FactAddressSchema>;

/**
 * What the station relies on about a picking when it writes to Odoo: its state, carrier, delivery address and lines.
 * The station records these as it loads the picking to pack (its basis) and reads them again before each write;
 * a difference is a conflict, never a blind overwrite. `lines` and `address` are absent when not read.
 */
export const PickingFactsSchema = z.object({
  pickingId: z.number().int(),
  name: z.string(),
  state: z.string(),
  carrier: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  address: FactAddressSchema.optional(),
  lines: z.array(FactLineSchema).optional(),
  /**
   * The tracking references Odoo holds (`carrier_tracking_ref`), as read with the state: not a fact compared, but the
   * write that follows the check needs it and need not read the picking again.
   */
  trackingRefs: z.array(z.string()).optional(),
});
export type PickingFacts = z.infer<typeof PickingFactsSchema>;

/** Which facts a write depends on: a parcel on the lines, a label on the address, a validation on all. */
export interface FactNeeds {
  lines: boolean;
  address: boolean;
}

/** One thing Odoo changed behind the station, in words a supervisor can act on. */
export const PickingDifferenceSchema = z.object({
  field: z.enum(['state', 'carrier', 'address', 'line']),
  what: z.string(),
});
export type PickingDifference = z.infer<typeof PickingDifferenceSchema>;
