/**
 * EasyPost as reconciliation reads it: the labels bought in a window, with what was charged, the carrier's later
 * adjustments, refunds and tracking, from two CSV reports (docs.easypost.com/docs/reports) instead of the shipment
 * list, whose pages hold at most 100. Each report is three requests whatever the number of labels: `POST
 * /reports/{type}` with `start_date`/`end_date` (YYYY-MM-DD, UTC, both days included), `GET /reports/{id}` until its
 * status is `available` (then `url` holds the CSV; `empty`: no rows; `failed`), and the download of `url` (a
 * pre-signed link: no credentials). Retrieval by id alone is what the official clients do (easypost-python
 * ReportService.retrieve). Columns are in easypost-recon.fields.ts; the reader takes values only through them.
 *
 * Relied on where the docs are silent: a report covers at most 31 days (the dashboard's limit; longer windows are
 * read as several reports); `created_at` of the shipment report is when the label's shipment was created (rows are
 * kept when it falls in [since, until)); several invoice rows of one shipment are successive invoices, each
 * `final_invoice_amount` the amount due after it.
 */
import { z } from 'zod';
import { fromEasyPost } from '../../app/carrier/tracking.easypost';
import type { PlatformShipmentFacts } from '../../app/recon/recon-input.schema';
import type { PlatformReconReader } from '../../app/recon/recon.ports';
import { createEasyPostPlatform, easyPostHttp, type EasyPostPlatformOptions } from '../carrier/easypost.platform';
import { Cell, cents } from './csv';
import { EASYPOST_INVOICE_REPORT, EASYPOST_SHIPMENT_REPORT, INVOICE_COLUMNS as I, SHIPMENT_COLUMNS as S } from './easypost-recon.fields';
import type { ReportState } from './report-poll';
import { ReportReader, type ReportReaderOptions } from './report-reader';
import { GRAMS_PER_OUNCE } from '../../app/domain/weight-units';

export interface EasyPostReconReaderOptions extends EasyPostPlatformOptions, ReportReaderOptions {
  /** The longest span one report covers (default 31 days). */
  maxReportDays?: number;
}

const ReportSchema = z.object({ id: z.string().min(1), status: z.string().nullish(), url: z.string().nullish() });
type Report = z.infer<typeof ReportSchema>;

const ShipmentRow = z.object({
  [S.id]: Cell.text,
  [S.createdAt]: Cell.time,
  [S.trackingCode]: Cell.optionalText,
  [S.status]: Cell.optionalText,
  [S.carrier]: Cell.optionalText,
  [S.service]: Cell.optionalText,
  [S.rate]: Cell.optionalDecimal,
  [S.weightOz]: Cell.optionalDecimal,
  [S.refundStatus]: Cell.optionalText,
  [S.reference]: Cell.optionalText,
  [S.postageFee]: Cell.optionalDecimal,
});
type ShipmentRow = z.infer<typeof ShipmentRow>;

const InvoiceRow = z.object({
  [I.shipmentId]: Cell.text,
  [I.currency]: Cell.optionalText,
  [I.initiallyPaid]: Cell.decimal,
  [I.finalAmount]: Cell.decimal,
  [I.claimedService]: Cell.optionalText,
  [I.capturedService]: Cell.optionalText,
  [I.capturedWeightOz]: Cell.optionalDecimal,
  [I.claimedLength]: Cell.optionalDecimal,
  [I.capturedLength]: Cell.optionalDecimal,
  [I.claimedWidth]: Cell.optionalDecimal,
  [I.capturedWidth]: Cell.optionalDecimal,
  [I.claimedHeight]: Cell.optionalDecimal,
  [I.capturedHeight]: Cell.optionalDecimal,
});
type InvoiceRow = z.infer<typeof InvoiceRow>;

const DAY_MS = 86_400_000;
const grams = (oz: number | null): number | null => (oz === null ? null : Math.round(oz * GRAMS_PER_OUNCE * 10) / 10);
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `not_applicable`: a bill-on-scan carrier charges nothing for an unused label, as easypost.platform.ts reads it. */
const REFUND: Readonly<Record<string, PlatformShipmentFacts['refundStatus']>> = { submitted: 'submitted', refunded: 'refunded', rejected: 'rejected', not_applicable: 'refunded' };

export function createEasyPostReconReader(opts: EasyPostReconReaderOptions): PlatformReconReader {
  return new EasyPostReconReader(opts);
}

class EasyPostReconReader extends ReportReader implements PlatformReconReader {
  readonly platform = 'easypost' as const;
  private readonly maxDays: number;

  constructor(opts: EasyPostReconReaderOptions) {
    super(easyPostHttp(opts), createEasyPostPlatform(opts), opts);
    this.maxDays = opts.maxReportDays ?? 31;
  }

  async shipments(since: number, until: number): Promise<PlatformShipmentFacts[]> {
    const labels = new Map<string, ShipmentRow>();
    const invoices = new Map<string, InvoiceRow[]>();
    for (let start = since; start < until; start += this.maxDays * DAY_MS) {
      const span = { start_date: day(start), end_date: day(Math.min(until, start + this.maxDays * DAY_MS) - 1) };
      const [shipped, invoiced] = await Promise.all([
        this.report(EASYPOST_SHIPMENT_REPORT, span, Object.values(S), ShipmentRow),
        this.report(EASYPOST_INVOICE_REPORT, span, Object.values(I), InvoiceRow),
      ]);
      for (const row of shipped) if (row[S.createdAt] >= since && row[S.createdAt] < until) labels.set(row[S.id], row);
      for (const row of invoiced) invoices.set(row[I.shipmentId], [...(invoices.get(row[I.shipmentId]) ?? []), row]);
    }
    return [...labels.values()].map((row) => toFacts(row, invoices.get(row[S.id]) ?? []));
  }

  private async report<T extends z.ZodType>(type: string, span: { start_date: string; end_date: string }, columns: readonly string[], row: T): Promise<z.infer<T>[]> {
    const created = await this.http.json('POST', `/reports/${type}`, ReportSchema, span, `/reports/${type}`);
    const what = `EasyPost ${type} report ${created.id} (${span.start_date}…${span.end_date})`;
    const reread = async () => stateOf(await this.http.json('GET', `/reports/${encodeURIComponent(created.id)}`, ReportSchema, undefined, '/reports/:id'));
    return this.reportRows(what, stateOf(created), reread, `${type} report`, columns, row);
  }
}

/** `available` → the CSV's URL; `empty` → null (no rows); `failed`; `new` or null → still being made. */
function stateOf(r: Report): ReportState<string | null> {
  if (r.status === 'available') return r.url ? { state: 'ready', value: r.url } : { state: 'failed', why: 'available without a url' };
  if (r.status === 'empty') return { state: 'ready', value: null };
  if (r.status === 'failed') return { state: 'failed', why: 'status failed' };
  return { state: 'pending' };
}

function toFacts(row: ShipmentRow, invoices: readonly InvoiceRow[]): PlatformShipmentFacts {
  const last = invoices.at(-1);
  const status = row[S.status];
  const postage = row[S.postageFee];
  const rate = row[S.rate];
  // The carrier's latest weighing: a later invoice (a surcharge) need not repeat it.
  const captured = invoices.findLast((r) => r[I.capturedWeightOz] !== null)?.[I.capturedWeightOz] ?? null;
  return {
    platform: 'easypost',
    shipmentId: row[S.id],
    trackingCode: row[S.trackingCode],
    carrier: row[S.carrier],
    service: row[S.service],
    createdAt: row[S.createdAt],
    reference: row[S.reference],
    quotedPrice: rate === null ? null : cents(rate),
    chargedPrice: last ? cents(last[I.finalAmount]) : postage === null ? null : cents(postage),
    currency: last?.[I.currency] ?? 'USD',
    declaredWeightG: grams(row[S.weightOz]),
    billedWeightG: grams(captured),
    adjustments: adjustmentsOf(invoices),
    refundStatus: REFUND[row[S.refundStatus] ?? ''] ?? null,
    trackingStatus: status === null ? null : fromEasyPost(status, null).status,
    // The shipment report carries no scan times; the hub's tracking ingestion has them.
    lastTrackingAt: null,
  };
}

/** Each invoice row changes the amount due by the difference to the one before (the first: to what was paid). */
function adjustmentsOf(invoices: readonly InvoiceRow[]): PlatformShipmentFacts['adjustments'] {
  let due = invoices[0]?.[I.initiallyPaid] ?? 0;
  const out: PlatformShipmentFacts['adjustments'] = [];
  for (const r of invoices) {
    const amount = cents(r[I.finalAmount] - due);
    due = r[I.finalAmount];
    if (amount !== 0) out.push({ reason: reasonOf(r), amount });
  }
  return out;
}

function reasonOf(r: InvoiceRow): string {
  const said: string[] = [];
  const service = r[I.capturedService];
  if (service !== null && service !== r[I.claimedService]) said.push(`service ${r[I.claimedService] ?? '?'} → ${service}`);
  const weight = r[I.capturedWeightOz];
  if (weight !== null) said.push(`weight: the carrier weighed ${weight} oz`);
  const sizes = [
    [r[I.claimedLength], r[I.capturedLength]],
    [r[I.claimedWidth], r[I.capturedWidth]],
    [r[I.claimedHeight], r[I.capturedHeight]],
  ];
  if (sizes.some(([claimed, found]) => found != null && found !== claimed)) said.push(`size: the carrier measured ${sizes.map(([, found]) => found ?? '?').join(' × ')} in`);
  return said.length > 0 ? said.join('; ') : 'carrier adjustment';
}
