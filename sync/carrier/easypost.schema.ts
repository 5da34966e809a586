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
  /** Business days in transit; a number the domain checks further (some carriers send none). */
  delivery_days: z.number().nullable().optional(),
  /** An ISO date-time (`2025-05-09T20:40:11Z`) when the carrier commits to one, else null. */
  delivery_date: z.string().nullable().optional(),
  carrier_account_id: z.string().nullable().optional(),
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

/** A ScanForm (end-of-day form): `creating` until the platform has made the document, then `created` or `failed`. */
export const EasyPostScanFormSchema = z.object({
  id: z.string().startsWith('sf_'),
  object: z.literal('ScanForm'),
  status: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  tracking_codes: z.array(z.string()).default([]),
  form_url: z.string().nullable().optional(),
  form_file_type: z.string().nullable().optional(),
});
export type EasyPostScanForm = z.infer<typeof EasyPostScanFormSchema>;

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
  is_return: z.boolean().nullable().optional(),
  /** Set once the shipment is on an end-of-day form; a shipment can be on one only. */
  scan_form: EasyPostScanFormSchema.nullable().optional(),
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

const nullableText = z.string().nullable().optional();

export const EasyPostTrackingDetailSchema = z.object({
  message: nullableText,
  description: nullableText,
  status: z.string(),
  /** Absent in older payloads (the tracking guide's webhook). */
  status_detail: nullableText,
  datetime: z.string(),
  tracking_location: z.object({ city: nullableText, state: nullableText, country: nullableText, zip: nullableText }).nullable().optional(),
});
export type EasyPostTrackingDetail = z.infer<typeof EasyPostTrackingDetailSchema>;

export const EasyPostTrackerSchema = z.object({
  id: z.string().startsWith('trk_'),
  object: z.literal('Tracker'),
  tracking_code: z.string(),
  status: z.string(),
  status_detail: nullableText,
  carrier: nullableText,
  shipment_id: nullableText,
  est_delivery_date: nullableText,
  /** The scans as the platform lists them (oldest first); the canonical report orders them by the carrier's time. */
  tracking_details: z.array(EasyPostTrackingDetailSchema).default([]),
});
export type EasyPostTracker = z.infer<typeof EasyPostTrackerSchema>;

const VerificationErrorSchema = z.object({
  code: nullableText,
  field: nullableText,
  message: z.string(),
  suggestion: nullableText,
});

const VerificationSchema = z.object({ success: z.boolean(), errors: z.array(VerificationErrorSchema).default([]) });

/** An Address, with `verifications` filled only when `verify`/`verify_strict` was asked (else `{}`). */
export const EasyPostAddressSchema = z.object({
  id: z.string().startsWith('adr_'),
  object: z.literal('Address'),
  street1: nullableText,
  street2: nullableText,
  city: nullableText,
  state: nullableText,
  zip: nullableText,
  country: nullableText,
  verifications: z.object({ zip4: VerificationSchema.optional(), delivery: VerificationSchema.optional() }).default({}),
});
export type EasyPostAddress = z.infer<typeof EasyPostAddressSchema>;
