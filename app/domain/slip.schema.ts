import { z } from 'zod';

/**
 * A packing slip as data: what goes in the box with the goods. Pure; the slip printer driver renders it to ESC/POS.
 */
export const SlipLineSchema = z.object({
  qty: z.number().positive(),
  /** Product code (internal reference or barcode). */
  code: z.string(),
  name: z.string().min(1),
});
export type SlipLine = z.infer<typeof SlipLineSchema>;

export const SlipDocumentSchema = z.object({
  title: z.string().min(1),
  /** The customer's order reference (`S00042`). */
  orderRef: z.string().min(1),
  /** The picking it was packed from (`WH/OUT/00012`). */
  pickingName: z.string().min(1),
  /** Delivery address, one line per entry. */
  customer: z.array(z.string()),
  lines: z.array(SlipLineSchema),
  /** Printed as a Code 128 barcode (usually the picking name, so a scan reopens it). Code set B: printable ASCII. */
  barcode: z.string().min(1).max(64).regex(/^[\x20-\x7e]+$/, 'barcode must be printable ASCII (Code 128 set B)'),
  footer: z.string().optional(),
});
export type SlipDocument = z.infer<typeof SlipDocumentSchema>;
