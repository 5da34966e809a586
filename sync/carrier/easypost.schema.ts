/**
 * Zod schemas of the EasyPost v2 replies the gateway reads, modelled on EasyPost's own recorded cassettes
 * (easypost-python tests/cassettes) and docs examples. Only the fields we use are required; the platform adds
 * fields over time, so unknown keys are stripped instead of rejected.
 */
import { z } from 'zod';

/** Money is a decimal string on the wire (`"6.07"`); never a float. */
export const DecimalStringSchema = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string');

export const EasyPostRateSchema = z.object({
  id: z.string().min(1),
  object: z.literal('Rate').optional(),
  carrier: z.string(),
  service: z.string(),
  rate: DecimalStringSchema,
  currency: z.string(),
  shipment_id: z.string().optional(),
});
export type EasyPostRate = z.infer<typeof EasyPostRateSchema>;

export const EasyPostPostageLabelSchema = z.object({
  object: z.literal('PostageLabel').optional(),
  id: z.string().optional(),
  /** 300 for PNG labels in the cassettes; carrier ZPL is 203. */
  label_resolution: z.number().nullable().optional(),
  label_size: z.string().nullable().optional(),
  /** MIME type of `label_url`: `image/png`, `application/zpl`, … */
  label_file_type: z.string().nullable().optional(),
  label_url: z.string().nullable().optional(),
  label_zpl_url: z.string().nullable().optional(),
  label_pdf_url: z.string().nullable().optional(),
  label_epl2_url: z.string().nullable().optional(),
});
export type EasyPostPostageLabel = z.infer<typeof EasyPostPostageLabelSchema>;

/** Carrier-side rating failures come back inside a 201, not as an HTTP error. */
export const EasyPostMessageSchema = z.object({
  carrier: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  message: z.unknown(),
});

export const EasyPostShipmentSchema = z.object({
  id: z.string().startsWith('shp_'),
  object: z.literal('Shipment'),
  reference: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  tracking_code: z.string().nullable().optional(),
  rates: z.array(EasyPostRateSchema).default([]),
  selected_rate: EasyPostRateSchema.nullable().optional(),
  postage_label: EasyPostPostageLabelSchema.nullable().optional(),
  messages: z.array(EasyPostMessageSchema).optional(),
  refund_status: z.string().nullable().optional(),
});
export type EasyPostShipment = z.infer<typeof EasyPostShipmentSchema>;

/** Both documented forms: `errors` as FieldError objects or as plain strings (test_error_alternative_format). */
export const EasyPostFieldErrorSchema = z.union([
  z.string(),
  z.object({
    code: z.string().nullable().optional(),
    field: z.string().nullable().optional(),
    message: z.union([z.string(), z.array(z.string())]).nullable().optional(),
    suggestion: z.string().nullable().optional(),
  }),
]);

export const EasyPostErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    // Upstream client libraries also accept a list of messages here and join them with ", ".
    message: z.union([z.string(), z.array(z.string())]).nullable().optional(),
    errors: z.array(EasyPostFieldErrorSchema).nullable().optional(),
  }),
});
export type EasyPostErrorEnvelope = z.infer<typeof EasyPostErrorEnvelopeSchema>;

export const EasyPostTrackerSchema = z.object({
  id: z.string().startsWith('trk_'),
  object: z.literal('Tracker'),
  tracking_code: z.string(),
  status: z.string(),
  carrier: z.string().nullable().optional(),
  shipment_id: z.string().nullable().optional(),
});
export type EasyPostTracker = z.infer<typeof EasyPostTrackerSchema>;
