/**
 * Zod schemas of the Shippo replies the platform reads (API version 2018-02-08), after Shippo's own SDK models
 * (goshippo/shippo-javascript-sdk src/models/components: shipment, rate, corerate, transaction, refund, manifest,
 * track, trackingstatus, addressvalidationresults, *paginatedlist) and the examples in its docs. Only the fields we
 * use are required; Shippo sends nulls where the SDK says "optional" (a test track's `substatus`, `object_updated`),
 * so optional fields accept null too. Unknown keys are stripped.
 */
import { z } from 'zod';

/** Money is a decimal string on the wire (`"5.5"`); never a float. */
const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string');
const text = z.string().nullish();

/** `messages[]` of shipments, rates and transactions: carrier errors come back here, not as HTTP errors. */
export const ShippoMessageSchema = z.object({ source: text, code: text, text: text });
export type ShippoMessage = z.infer<typeof ShippoMessageSchema>;
const Messages = z.array(ShippoMessageSchema).nullish().transform((m) => m ?? []);

export const ShippoAddressSchema = z.object({
  object_id: z.string().min(1),
  name: text,
  company: text,
  street1: text,
  street2: text,
  city: text,
  state: text,
  zip: text,
  country: text,
  phone: text,
  email: text,
  validation_results: z
    .object({
      is_valid: z.boolean().nullish(),
      messages: z.array(z.object({ source: text, code: text, type: text, text: text })).nullish(),
    })
    .nullish(),
});
export type ShippoAddress = z.infer<typeof ShippoAddressSchema>;

export const ShippoRateSchema = z.object({
  object_id: z.string().min(1),
  amount: Decimal,
  currency: z.string().min(1),
  provider: z.string().min(1),
  servicelevel: z.object({ name: text, token: text }),
  estimated_days: z.number().int().nonnegative().nullish(),
  carrier_account: z.string().min(1),
  attributes: z.array(z.string()).nullish(),
  /** The shipment the rate belongs to. */
  shipment: text,
});
export type ShippoRate = z.infer<typeof ShippoRateSchema>;

export const ShippoShipmentSchema = z.object({
  object_id: z.string().min(1),
  /** WAITING/QUEUED while rating runs; SUCCESS once `rates` is complete. */
  status: z.string(),
  metadata: text,
  extra: z.object({ is_return: z.boolean().nullish(), reference_1: text }).nullish(),
  rates: z.array(ShippoRateSchema).nullish().transform((r) => r ?? []),
  messages: Messages,
});
export type ShippoShipment = z.infer<typeof ShippoShipmentSchema>;

/** A transaction's `rate`: its id, or (as the 2018-02-08 docs show) a CoreRate object. */
const TransactionRate = z.union([z.string().min(1), z.object({ object_id: z.string().min(1) }).loose()]);

export const ShippoTransactionSchema = z.object({
  object_id: z.string().min(1),
  /** WAITING, QUEUED, SUCCESS, ERROR, REFUNDED, REFUNDPENDING, REFUNDREJECTED. */
  status: z.string(),
  rate: TransactionRate.nullish(),
  tracking_number: text,
  label_url: text,
  label_file_type: text,
  metadata: text,
  messages: Messages,
});
export type ShippoTransaction = z.infer<typeof ShippoTransactionSchema>;

/** The rate id a transaction bought, whichever form `rate` took. */
export const rateIdOf = (t: ShippoTransaction): string | null => (t.rate == null ? null : typeof t.rate === 'string' ? t.rate : t.rate.object_id);

/** `{next, previous, results}` of every list endpoint; `next` is null on the last page. */
export const shippoPage = <T extends z.ZodType>(item: T) =>
  z.object({
    next: text,
    previous: text,
    results: z.array(item).nullish().transform((r) => r ?? []),
  });

export const ShippoRefundSchema = z.object({
  object_id: z.string().min(1),
  /** QUEUED, PENDING, SUCCESS, ERROR. */
  status: z.string(),
  transaction: text,
});
export type ShippoRefund = z.infer<typeof ShippoRefundSchema>;

export const ShippoManifestSchema = z.object({
  object_id: z.string().min(1),
  /** QUEUED, SUCCESS, ERROR. */
  status: z.string(),
  carrier_account: text,
  documents: z.array(z.string()).nullish().transform((d) => d ?? []),
  errors: z.array(z.string()).nullish().transform((e) => e ?? []),
  transactions: z.array(z.string()).nullish(),
});
export type ShippoManifest = z.infer<typeof ShippoManifestSchema>;

const Location = z.object({ city: text, state: text, zip: text, country: text }).nullish();

export const ShippoTrackingStatusSchema = z.object({
  status: z.string(),
  substatus: z.object({ code: z.string(), text: text, action_required: z.boolean().nullish() }).nullish(),
  /** ISO 8601; the test tracks send it without a zone ("2018-07-29T16:44:42.586"). */
  status_date: text,
  status_details: text,
  /** When Shippo recorded the entry; stands in for a missing status_date. */
  object_created: text,
  location: Location,
});
export type ShippoTrackingStatus = z.infer<typeof ShippoTrackingStatusSchema>;

export const ShippoTrackSchema = z.object({
  carrier: z.string(),
  tracking_number: z.string(),
  eta: text,
  tracking_status: ShippoTrackingStatusSchema.nullish(),
  /** Oldest first in Shippo's examples; not promised, so the report orders by status_date. */
  tracking_history: z.array(ShippoTrackingStatusSchema).nullish().transform((h) => h ?? []),
});
export type ShippoTrack = z.infer<typeof ShippoTrackSchema>;
