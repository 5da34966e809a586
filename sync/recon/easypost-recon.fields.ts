/**
 * Where reconciliation reads each canonical field at EasyPost: two CSV reports (docs.easypost.com/docs/reports).
 *
 * - `shipment` report: its default columns, as EasyPost's reply to a report created with `additional_columns` lists
 *   them (easypost-python tests/cassettes/test_report_create_with_additional_columns.yaml, recorded 2025-03):
 *   created_at, id, tracking_code, status, from_* / to_* address columns, parcel_id, length, width, height, weight,
 *   predefined_package, postage_label_created_at, rate_id, service, carrier, rate, insured_value, is_return,
 *   refund_status, reference, label_fee, postage_fee, insurance_fee, options, usps_zone. `weight` is in ounces (an
 *   EasyPost parcel's unit), `rate` a decimal, `status` the shipment's tracking status (the Shipment object's
 *   status values, docs.easypost.com/docs/shipments).
 * - `shipment_invoice` report ("what is a shipment invoice", easypost.com/what-is-a-shipment-invoice, and the support
 *   article "Shipment Invoice Report – Adjustments"): shipment_id, label_date, carrier, tracking_code, status,
 *   quoted_currency, initially_paid_amount, quoted_amount, claimed_* (what the label said), final_invoice_amount
 *   ("the total amount that is due for the shipment"), captured_* (what the carrier found: length, width, height,
 *   weight, package, service). An adjustment is the change of the amount due; the report has no column that words
 *   its reason, so the reader says what the carrier captured differently (service, weight, size).
 */
import type { SystemFieldMap } from '../../app/recon/canonical-fields';

export const EASYPOST_SHIPMENT_REPORT = 'shipment';
export const EASYPOST_INVOICE_REPORT = 'shipment_invoice';

/** The `shipment` report's columns the reader takes values from. */
export const SHIPMENT_COLUMNS = {
  id: 'id',
  createdAt: 'created_at',
  trackingCode: 'tracking_code',
  status: 'status',
  carrier: 'carrier',
  service: 'service',
  rate: 'rate',
  weightOz: 'weight',
  refundStatus: 'refund_status',
  reference: 'reference',
  postageFee: 'postage_fee',
} as const;

/** The `shipment_invoice` report's columns the reader takes values from. */
export const INVOICE_COLUMNS = {
  shipmentId: 'shipment_id',
  currency: 'quoted_currency',
  initiallyPaid: 'initially_paid_amount',
  finalAmount: 'final_invoice_amount',
  claimedService: 'claimed_service',
  capturedService: 'captured_service',
  capturedWeightOz: 'captured_weight',
  claimedLength: 'claimed_length',
  capturedLength: 'captured_length',
  claimedWidth: 'claimed_width',
  capturedWidth: 'captured_width',
  claimedHeight: 'claimed_height',
  capturedHeight: 'captured_height',
} as const;

const shipment = (column: string): string => `${EASYPOST_SHIPMENT_REPORT} report: ${column}`;
const invoice = (column: string): string => `${EASYPOST_INVOICE_REPORT} report: ${column}`;
const S = SHIPMENT_COLUMNS;
const I = INVOICE_COLUMNS;

export const EASYPOST_RECON_FIELDS = {
  'shipment.id': `${shipment(S.id)} (= ${invoice(I.shipmentId)})`,
  'shipment.trackingCode': shipment(S.trackingCode),
  'shipment.carrier': shipment(S.carrier),
  'shipment.service': shipment(S.service),
  'shipment.reference': shipment(S.reference),
  'shipment.createdAt': shipment(S.createdAt),
  'shipment.quotedPrice': shipment(S.rate),
  'shipment.chargedPrice': `${invoice(I.finalAmount)} (invoiced), else ${shipment(S.postageFee)} (charged at purchase)`,
  'shipment.currency': `${invoice(I.currency)}, else USD (the report has no currency column; EasyPost charges its balance in USD)`,
  'shipment.declaredWeight': `${shipment(S.weightOz)} (oz → g)`,
  'shipment.billedWeight': `${invoice(I.capturedWeightOz)} (oz → g)`,
  'shipment.adjustments': `${invoice(I.finalAmount)} − the amount due before (the first: ${I.initiallyPaid}) per invoice row; reason from ${I.claimedService} → ${I.capturedService}, ${I.capturedWeightOz}, captured size`,
  'shipment.refundStatus': shipment(S.refundStatus),
  'tracking.status': `${shipment(S.status)} (app/carrier/tracking.easypost.ts)`,
} as const satisfies SystemFieldMap;
