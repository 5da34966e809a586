/**
 * EasyPost's Reports API in the carrier sandbox (docs.easypost.com/docs/reports): `POST /v2/reports/{type}` with
 * `start_date`/`end_date` answers 201 with a report in status `new` (the Report object exactly as
 * test_report_create_report.yaml records it); a later `GET /v2/reports/{id}` finds it `available` with a `url` to
 * its CSV (or `empty`, no url, when no row falls in the dates), built then from the labels the sandbox sold. Types:
 * `shipment` (the default columns of test_report_create_with_additional_columns.yaml) and `shipment_invoice` (the
 * columns of easypost.com/what-is-a-shipment-invoice), one row per seeded adjustment with the amount due after it.
 */
import { money, toCsv, type BillingLedger, type CsvValue, type ReportFault, type ReportFaults } from './carrier-billing.sim';
import type { ShipmentRecord } from './carrier-shipment-wire.sim';
import type { SandboxStore } from './carrier-store.sim';
import { isoNow, newId, notFound, unprocessable, type SandboxReply } from './carrier-wire.sim';

export const SHIPMENT_REPORT_COLUMNS = [
  'created_at', 'id', 'tracking_code', 'status', 'from_address_id', 'from_name', 'from_company', 'from_street1', 'from_street2', 'from_city',
  'from_state', 'from_zip', 'from_country', 'from_residential', 'to_address_id', 'to_name', 'to_company', 'to_street1', 'to_street2', 'to_city',
  'to_state', 'to_zip', 'to_country', 'to_residential', 'parcel_id', 'length', 'width', 'height', 'weight', 'predefined_package',
  'postage_label_created_at', 'rate_id', 'service', 'carrier', 'rate', 'insured_value', 'is_return', 'refund_status', 'reference', 'label_fee',
  'postage_fee', 'insurance_fee', 'options', 'usps_zone',
] as const;

export const INVOICE_REPORT_COLUMNS = [
  'shipment_id', 'label_date', 'carrier_account_id', 'carrier', 'tracking_code', 'carrier_invoice_id', 'package_dispute_id', 'status',
  'quoted_currency', 'initially_paid_amount', 'quoted_amount', 'claimed_length', 'claimed_width', 'claimed_height', 'claimed_package',
  'claimed_service', 'final_invoice_amount', 'captured_length', 'captured_width', 'captured_height', 'captured_weight', 'captured_package',
  'captured_service',
] as const;

const TYPES: Readonly<Record<string, { prefix: string; object: string }>> = {
  shipment: { prefix: 'shprep', object: 'ShipmentReport' },
  shipment_invoice: { prefix: 'shpinvrep', object: 'ShipmentInvoiceReport' },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface ReportRecord {
  type: string;
  wire: Record<string, unknown>;
  fault: ReportFault | undefined;
  csv: string | null;
}

type Row = Record<string, CsvValue>;

export class EasyPostReports {
  private readonly reports = new Map<string, ReportRecord>();

  constructor(
    private readonly store: SandboxStore,
    private readonly billing: BillingLedger,
    private readonly faults: ReportFaults,
  ) {}

  create(type: string, body: unknown): SandboxReply {
    const kind = TYPES[type];
    if (!kind) return unprocessable('REPORT.TYPE.INVALID', `The sandbox does not make ${type} reports.`);
    const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const params = (typeof raw.report === 'object' && raw.report !== null ? raw.report : raw) as Record<string, unknown>;
    const errors = ['start_date', 'end_date'].filter((f) => typeof params[f] !== 'string' || !DATE.test(params[f] as string)).map((field) => ({ field, message: 'must be a date (YYYY-MM-DD)' }));
    if (errors.length > 0) return unprocessable('PARAMETER.INVALID', 'Invalid or missing parameter.', errors);
    const id = newId(kind.prefix);
    const wire = {
      columns: null,
      created_at: isoNow(),
      end_date: params.end_date,
      id,
      include_children: null,
      mode: 'test',
      object: kind.object,
      start_date: params.start_date,
      status: 'new',
      updated_at: null,
      url: null,
      url_expires_at: null,
      utc_offset: null,
    };
    this.reports.set(id, { type, wire, fault: this.faults.take(), csv: null });
    return { status: 201, body: wire };
  }

  /** `GET /reports/{id}`: a new report is done by this read; `GET /reports/{type}`: the type's reports, newest first. */
  get(ref: string, origin: string): SandboxReply {
    if (TYPES[ref]) return { status: 200, body: { reports: [...this.reports.values()].filter((r) => r.type === ref).map((r) => r.wire).reverse(), has_more: false } };
    const report = this.reports.get(ref);
    if (!report) return notFound('Report');
    if (report.wire.status === 'new') this.finish(report, origin);
    return { status: 200, body: report.wire };
  }

  /** The CSV behind a report's `url`; null when there is none. */
  csv(id: string): string | null {
    return this.reports.get(id)?.csv ?? null;
  }

  private finish(report: ReportRecord, origin: string): void {
    const at = isoNow();
    const fault = report.fault;
    Object.assign(report.wire, { updated_at: at });
    if (fault === 'failed') return void Object.assign(report.wire, { status: 'failed' });
    const from = String(report.wire.start_date);
    const to = String(report.wire.end_date);
    const inDates = this.store.labelled().filter((r) => r.createdAt.slice(0, 10) >= from && r.createdAt.slice(0, 10) <= to);
    const [columns, rows] = report.type === 'shipment' ? [SHIPMENT_REPORT_COLUMNS, inDates.map(shipmentRow)] : [INVOICE_REPORT_COLUMNS, inDates.flatMap((r) => this.invoiceRows(r))];
    if (rows.length === 0) return void Object.assign(report.wire, { status: 'empty' });
    report.csv = toCsv(columns, rows, fault);
    const expires = new Date(Date.parse(at) + 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    Object.assign(report.wire, { status: 'available', url: `${origin}/reports/${String(report.wire.id)}.csv`, url_expires_at: expires });
  }

  private invoiceRows(r: ShipmentRecord): Row[] {
    const rate = r.selectedRate;
    if (!rate) return [];
    const parcel = r.input.parcel;
    let due = Number(rate.rate);
    return this.billing.of(r.id).map((a) => {
      due += a.amount;
      return {
        shipment_id: r.id,
        label_date: r.postageLabel?.label_date,
        carrier_account_id: rate.carrier_account_id,
        carrier: rate.carrier,
        tracking_code: r.trackingCode,
        status: 'processed',
        quoted_currency: rate.currency,
        initially_paid_amount: rate.rate,
        quoted_amount: rate.rate,
        claimed_length: parcel.length,
        claimed_width: parcel.width,
        claimed_height: parcel.height,
        claimed_package: parcel.predefined_package,
        claimed_service: rate.service,
        final_invoice_amount: money(due),
        captured_weight: a.billedWeightOz,
        captured_service: a.service ?? rate.service,
      };
    });
  }
}

function shipmentRow(r: ShipmentRecord): Row {
  const { from_address: from, to_address: to, parcel, reference, options } = r.input;
  const rate = r.selectedRate;
  const address = (prefix: string, a: typeof from, wire: Record<string, unknown>): Row => ({
    [`${prefix}_address_id`]: String(wire.id),
    [`${prefix}_name`]: a.name,
    [`${prefix}_company`]: a.company,
    [`${prefix}_street1`]: a.street1,
    [`${prefix}_street2`]: a.street2,
    [`${prefix}_city`]: a.city,
    [`${prefix}_state`]: a.state,
    [`${prefix}_zip`]: a.zip,
    [`${prefix}_country`]: a.country,
  });
  return {
    created_at: r.createdAt,
    id: r.id,
    tracking_code: r.trackingCode,
    status: String(r.tracker?.status ?? 'unknown'),
    ...address('from', from, r.wire.from),
    ...address('to', to, r.wire.to),
    parcel_id: String(r.wire.parcel.id),
    length: parcel.length,
    width: parcel.width,
    height: parcel.height,
    weight: parcel.weight,
    predefined_package: parcel.predefined_package,
    postage_label_created_at: r.postageLabel?.created_at,
    rate_id: rate?.id,
    service: rate?.service,
    carrier: rate?.carrier,
    rate: rate?.rate,
    is_return: r.input.is_return === true,
    refund_status: r.refundStatus,
    reference,
    label_fee: '0.00',
    postage_fee: rate?.rate,
    options: JSON.stringify({ currency: 'USD', ...options }),
    usps_zone: rate?.carrier === 'USPS' ? 4 : null,
  };
}
