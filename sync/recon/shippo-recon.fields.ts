/**
 * Where reconciliation reads each canonical field at Shippo.
 *
 * - Labels: `GET /transactions` (a transaction is one label purchase; goshippo/shippo-javascript-sdk
 *   src/models/components/transaction.ts, API version 2018-02-08): `object_id`, `object_created`, `status`
 *   (SUCCESS, REFUNDPENDING, REFUNDED, REFUNDREJECTED…), `tracking_number`, `tracking_status`, `metadata` (the
 *   station writes `shipment <shipment id> <reference>` there, shippo.mapping.ts purchaseMetadata), and `rate` as
 *   the CoreRate summary (`amount`, `currency`, `provider`, `servicelevel_token`, `servicelevel_name`). A transaction
 *   carries no parcel weight, so Shippo declares none here.
 * - Charges: the Reporting API's `invoice.v1` report (docs.goshippo.com/reporting-api/migrate-from-invoice-api:
 *   "each file row is one invoice item; the row also contains the invoice, the transaction, and the label context";
 *   the Invoice API's items are "a purchased label or a charge for a service … also refunds"). The stored docs do
 *   not show the column names; the names below are chosen after the Invoice API's fields and requested explicitly
 *   in the run (`columns`), so an account whose catalog names them otherwise answers 400 invalid-column — a clear
 *   error, never a silently thinner file. Item types: LABEL (the purchase), REFUND, anything else an adjustment.
 */
import type { SystemFieldMap } from '../../app/recon/canonical-fields';

export const SHIPPO_INVOICE_REPORT = 'invoice.v1';

/** Fields of a transaction the reader takes values from. */
export const TRANSACTION_FIELDS = {
  id: 'object_id',
  createdAt: 'object_created',
  status: 'status',
  trackingNumber: 'tracking_number',
  trackingStatus: 'tracking_status',
  metadata: 'metadata',
  rate: 'rate',
} as const;

/** Fields of the transaction's `rate` (CoreRate). */
export const CORE_RATE_FIELDS = {
  amount: 'amount',
  currency: 'currency',
  provider: 'provider',
  service: 'servicelevel_token',
  serviceName: 'servicelevel_name',
} as const;

/** The `invoice.v1` columns the reader asks for and takes values from. */
export const INVOICE_V1_COLUMNS = {
  itemId: 'invoice_item_id',
  itemType: 'invoice_item_type',
  description: 'invoice_item_description',
  amount: 'invoice_item_amount',
  currency: 'invoice_item_currency',
  transactionId: 'transaction_object_id',
  billedWeight: 'billed_weight',
  billedWeightUnit: 'billed_weight_unit',
} as const;

/** `invoice_item_type` values that are not adjustments. */
export const LABEL_ITEM_TYPES: readonly string[] = ['LABEL'];
export const REFUND_ITEM_TYPES: readonly string[] = ['REFUND'];

const T = TRANSACTION_FIELDS;
const R = CORE_RATE_FIELDS;
const C = INVOICE_V1_COLUMNS;
const transaction = (field: string): string => `GET /transactions: ${field}`;
const invoice = (column: string): string => `${SHIPPO_INVOICE_REPORT} report: ${column}`;

export const SHIPPO_RECON_FIELDS = {
  'shipment.id': transaction(T.id),
  'shipment.trackingCode': transaction(T.trackingNumber),
  'shipment.carrier': transaction(`${T.rate}.${R.provider}`),
  'shipment.service': `${transaction(`${T.rate}.${R.service}`)} (else ${R.serviceName})`,
  'shipment.reference': `${transaction(T.metadata)} (after "shipment <id> ")`,
  'shipment.createdAt': transaction(T.createdAt),
  'shipment.quotedPrice': transaction(`${T.rate}.${R.amount}`),
  'shipment.chargedPrice': `${invoice(C.amount)}: sum of the transaction's items (${C.transactionId}) but refunds`,
  'shipment.currency': `${transaction(`${T.rate}.${R.currency}`)}, else ${invoice(C.currency)}`,
  'shipment.billedWeight': `${invoice(C.billedWeight)} in ${C.billedWeightUnit} (→ g)`,
  'shipment.adjustments': `${invoice(C.amount)} and ${C.description} of items neither ${LABEL_ITEM_TYPES.join('/')} nor ${REFUND_ITEM_TYPES.join('/')}`,
  'shipment.refundStatus': `${transaction(T.status)} (REFUNDPENDING, REFUNDED, REFUNDREJECTED)`,
  'tracking.status': `${transaction(T.trackingStatus)} (app/carrier/tracking.shippo.ts)`,
  'tracking.lastEventAt': `${transaction(T.trackingStatus)}.status_date where the reply gives the object`,
} as const satisfies SystemFieldMap;
