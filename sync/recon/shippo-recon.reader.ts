/**
 * Shippo as reconciliation reads it: the labels bought in a window from `GET /transactions?results=200&page=…`
 * (Shippo's filtering guide: `results` up to 200; larger values are truncated), and what each was charged from one
 * Reporting API run of `invoice.v1` (docs.goshippo.com/reporting-api: `POST /v2/reporting/runs` with `report_type`,
 * `interval {start, end}` in UTC epoch seconds, end > start, at most 92 days, optional `columns`; it answers QUEUED;
 * `GET /v2/reporting/runs/{id}` until SUCCEEDED or FAILED; the file at `result.download.url`). The run is created
 * first and polled after the pages are read, so its wait overlaps them. Names in shippo-recon.fields.ts.
 *
 * Relied on where the docs are silent: `/transactions` has no date filter (the guide offers it on shipments only)
 * and lists newest first, as Shippo's list endpoints do; the reader stops at the first page that reaches below
 * `since` — unless a page is not newest first, then it reads to the end. The run's file is CSV by default.
 */
import { z } from 'zod';
import { fromShippo } from '../../app/carrier/tracking.shippo';
import { StationError } from '../../app/domain/errors';
import type { PlatformShipmentFacts } from '../../app/recon/recon-input.schema';
import type { PlatformReconReader } from '../../app/recon/recon.ports';
import { createShippoPlatform, shippoHttp, VOID_BY_TRANSACTION, type ShippoPlatformOptions } from '../carrier/shippo.platform';
import { shippoPage } from '../carrier/shippo.schema';
import { Cell, cents, timeMs } from './csv';
import type { ReportState } from './report-poll';
import { ReportReader, type ReportReaderOptions } from './report-reader';
import { CORE_RATE_FIELDS as R, INVOICE_V1_COLUMNS as C, LABEL_ITEM_TYPES, REFUND_ITEM_TYPES, SHIPPO_INVOICE_REPORT, TRANSACTION_FIELDS as T } from './shippo-recon.fields';
import { gramsPerUnit } from '../../app/domain/weight-units';

export interface ShippoReconReaderOptions extends ShippoPlatformOptions, ReportReaderOptions {}

/** Shippo's largest page. */
export const SHIPPO_PAGE_SIZE = 200;
const MAX_RUN_DAYS = 92;
/** A million labels in one window is not a window reconciliation reads. */
const MAX_PAGES = 5000;
const DAY_MS = 86_400_000;

const text = z.string().nullish();
const TrackingStatus = z.union([z.string(), z.object({ status: z.string(), status_date: text }).loose()]).nullish();
const CoreRate = z.object({ [R.amount]: text, [R.currency]: text, [R.provider]: text, [R.service]: text, [R.serviceName]: text });
const Transaction = z.object({
  [T.id]: z.string().min(1),
  [T.createdAt]: z.string().refine((v) => !Number.isNaN(timeMs(v)), 'expected a time'),
  [T.status]: z.string(),
  [T.trackingNumber]: text,
  [T.trackingStatus]: TrackingStatus,
  [T.metadata]: text,
  // 2018-02-08 replies give the CoreRate summary; older versions only the rate's id.
  [T.rate]: z.union([z.string(), CoreRate]).nullish(),
});
type Transaction = z.infer<typeof Transaction>;
const TransactionPage = shippoPage(Transaction);

const RunSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  result: z.object({ download: z.object({ url: z.string().min(1) }).nullish() }).nullish(),
  error: z.union([z.string(), z.object({ message: text, detail: text, code: text }).loose()]).nullish(),
});
type Run = z.infer<typeof RunSchema>;

const InvoiceItem = z.object({
  [C.itemId]: Cell.text,
  [C.itemType]: Cell.text.transform((v) => v.toUpperCase()),
  [C.description]: Cell.optionalText,
  [C.amount]: Cell.decimal,
  [C.currency]: Cell.optionalText,
  [C.transactionId]: Cell.optionalText,
  [C.billedWeight]: Cell.optionalDecimal,
  [C.billedWeightUnit]: Cell.optionalText,
});
type InvoiceItem = z.infer<typeof InvoiceItem>;


export function createShippoReconReader(opts: ShippoReconReaderOptions): PlatformReconReader {
  return new ShippoReconReader(opts);
}

class ShippoReconReader extends ReportReader implements PlatformReconReader {
  readonly platform = 'shippo' as const;

  constructor(opts: ShippoReconReaderOptions) {
    super(shippoHttp(opts), createShippoPlatform(opts), opts);
  }

  async shipments(since: number, until: number): Promise<PlatformShipmentFacts[]> {
    const [labels, items] = await Promise.all([this.transactions(since, until), this.invoiceItems(since, until)]);
    const byTransaction = new Map<string, InvoiceItem[]>();
    for (const item of items) {
      const id = item[C.transactionId];
      if (id !== null) byTransaction.set(id, [...(byTransaction.get(id) ?? []), item]);
    }
    return labels.map((t) => toFacts(t, byTransaction.get(t[T.id]) ?? []));
  }

  /** Purchases (not carrier refusals: ERROR bought nothing) created in [since, until), newest first. */
  private async transactions(since: number, until: number): Promise<Transaction[]> {
    const found: Transaction[] = [];
    let newestFirst = true;
    let previous = Infinity;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const path = `/transactions?results=${SHIPPO_PAGE_SIZE}&page=${page}`;
      const reply = await this.http.json('GET', path, TransactionPage, undefined, '/transactions');
      let reachedSince = false;
      for (const t of reply.results) {
        const at = timeMs(t[T.createdAt]);
        newestFirst &&= at <= previous;
        previous = at;
        reachedSince ||= at < since;
        if (at >= since && at < until && t[T.status] !== 'ERROR') found.push(t);
      }
      if (!reply.next || reply.results.length === 0 || (newestFirst && reachedSince)) return found;
    }
    throw new StationError('INVALID_REPLY', `Shippo transactions: more than ${MAX_PAGES} pages of ${SHIPPO_PAGE_SIZE}`);
  }

  /** Every invoice item of the window, one run per 92 days at most. */
  private async invoiceItems(since: number, until: number): Promise<InvoiceItem[]> {
    const items: InvoiceItem[] = [];
    for (let start = since; start < until; start += MAX_RUN_DAYS * DAY_MS) {
      const end = Math.min(until, start + MAX_RUN_DAYS * DAY_MS);
      items.push(...(await this.run(Math.floor(start / 1000), Math.max(Math.ceil(end / 1000), Math.floor(start / 1000) + 1))));
    }
    return items;
  }

  private async run(start: number, end: number): Promise<InvoiceItem[]> {
    const body = { report_type: SHIPPO_INVOICE_REPORT, interval: { start, end }, columns: Object.values(C) };
    const created = await this.http.json('POST', '/v2/reporting/runs', RunSchema, body, '/v2/reporting/runs');
    const what = `Shippo ${SHIPPO_INVOICE_REPORT} run ${created.id}`;
    const reread = async () => stateOf(await this.http.json('GET', `/v2/reporting/runs/${encodeURIComponent(created.id)}`, RunSchema, undefined, '/v2/reporting/runs/:id'));
    return this.reportRows(what, stateOf(created), reread, `${SHIPPO_INVOICE_REPORT} report`, Object.values(C), InvoiceItem);
  }
}

function stateOf(run: Run): ReportState<string | null> {
  if (run.status === 'SUCCEEDED') {
    const url = run.result?.download?.url;
    return url ? { state: 'ready', value: url } : { state: 'failed', why: 'SUCCEEDED without a download url' };
  }
  if (run.status === 'FAILED') {
    const e = run.error;
    return { state: 'failed', why: typeof e === 'string' ? e : (e?.message ?? e?.detail ?? e?.code ?? 'status FAILED') };
  }
  return { state: 'pending' };
}

function toFacts(t: Transaction, items: readonly InvoiceItem[]): PlatformShipmentFacts {
  const given = t[T.rate];
  const rate = typeof given === 'object' ? given : null;
  const amount = rate?.[R.amount];
  const tracking = t[T.trackingStatus];
  const trackingStatus = typeof tracking === 'string' ? tracking : (tracking?.status ?? null);
  const trackedAt = typeof tracking === 'object' && tracking?.status_date ? timeMs(tracking.status_date) : NaN;
  const charged = items.filter((i) => !REFUND_ITEM_TYPES.includes(i[C.itemType]));
  const billed = items.filter((i) => i[C.billedWeight] !== null).at(-1);
  return {
    platform: 'shippo',
    shipmentId: t[T.id],
    trackingCode: t[T.trackingNumber] || null,
    carrier: rate?.[R.provider] || null,
    service: rate?.[R.service] || rate?.[R.serviceName] || null,
    createdAt: timeMs(t[T.createdAt]),
    reference: referenceOf(t[T.metadata]),
    quotedPrice: amount ? cents(Number(amount)) : null,
    chargedPrice: charged.length > 0 ? cents(charged.reduce((sum, i) => sum + i[C.amount], 0)) : null,
    currency: rate?.[R.currency] || items[0]?.[C.currency] || null,
    declaredWeightG: null,
    billedWeightG: billed ? gramsOf(billed) : null,
    adjustments: charged
      .filter((i) => !LABEL_ITEM_TYPES.includes(i[C.itemType]))
      .map((i) => ({ reason: i[C.description] ?? i[C.itemType].toLowerCase(), amount: cents(i[C.amount]) })),
    refundStatus: VOID_BY_TRANSACTION[t[T.status]] ?? null,
    trackingStatus: trackingStatus === null ? null : fromShippo(trackingStatus, null).status,
    lastTrackingAt: Number.isNaN(trackedAt) ? null : trackedAt,
  };
}

/** The station's metadata is `shipment <shipment id> <reference>`; other labels keep whatever metadata they have. */
function referenceOf(metadata: string | null | undefined): string | null {
  if (!metadata) return null;
  return /^shipment \S+ (.+)$/.exec(metadata)?.[1] ?? metadata;
}

function gramsOf(item: InvoiceItem): number {
  const unit = (item[C.billedWeightUnit] ?? '').toLowerCase();
  const factor = gramsPerUnit(unit);
  if (factor === undefined) throw new StationError('INVALID_REPLY', `Shippo invoice item ${item[C.itemId]}: unknown weight unit "${unit}"`);
  return Math.round((item[C.billedWeight] ?? 0) * factor * 10) / 10;
}
