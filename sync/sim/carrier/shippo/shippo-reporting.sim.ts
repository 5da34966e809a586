/**
 * Shippo's Reporting API in the sandbox (docs.goshippo.com/reporting-api): `GET /v2/reporting/reports[/{type}]`
 * (the catalog: `available_columns`, `data_availability`), `POST /v2/reporting/runs` with `report_type`,
 * `interval {start, end}` (UTC epoch seconds, end > start, at most 92 days) and optional `columns` answers 201 with
 * the run QUEUED; a later `GET /v2/reporting/runs/{id}` finds it SUCCEEDED with `result.download.url` (or FAILED with
 * `error`). Refusals are problem documents (`type`, `title`, `status`, `detail`): 404 report-type-not-found, 422
 * validation-error (also for unknown body fields), 400 invalid-parameter / invalid-column.
 *
 * One type, `invoice.v1`: one row per invoice item — the label's purchase (LABEL), each seeded carrier adjustment
 * (ADJUSTMENT), the refund of a refunded label (REFUND) — of the labels bought in the interval. Its column names are
 * the sandbox's choice (the stored docs do not list them), the same the reader declares.
 */
import { money, toCsv, type BillingLedger, type CsvValue, type ReportFault, type ReportFaults } from '../carrier-billing.sim';
import type { ShippoState, TransactionRecord } from './shippo-state.sim';
import { objectId, type SandboxReply } from './shippo-wire.sim';

export const INVOICE_V1_COLUMNS = [
  'invoice_item_id', 'invoice_item_type', 'invoice_item_description', 'invoice_item_amount', 'invoice_item_currency', 'invoice_item_created',
  'transaction_object_id', 'tracking_number', 'carrier', 'servicelevel_token', 'billed_weight', 'billed_weight_unit',
] as const;

const REPORT_TYPE = 'invoice.v1';
const MAX_SPAN_S = 92 * 86_400;
const BODY_FIELDS = new Set(['report_type', 'interval', 'columns', 'idempotency_key']);

const problem = (status: number, type: string, detail: string): SandboxReply => ({
  status,
  body: { type: `https://api.goshippo.com/problems/${type}`, title: type.replace(/-/g, ' '), status, detail },
});

interface Run {
  wire: Record<string, unknown> & { status: string };
  start: number;
  end: number;
  columns: readonly string[];
  fault: ReportFault | undefined;
  csv: string | null;
}

const epoch = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export class ShippoReporting {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly state: ShippoState,
    private readonly billing: BillingLedger,
    private readonly faults: ReportFaults,
  ) {}

  /** `parts`: the path after `/v2/reporting`. */
  route(method: string, parts: readonly string[], body: unknown, origin: string): SandboxReply {
    const [collection, id] = parts;
    if (method === 'GET' && collection === 'reports') return id === undefined ? { status: 200, body: { items: [this.catalog()] } } : this.reportType(id);
    if (method === 'POST' && collection === 'runs' && id === undefined) return this.create(body);
    if (method === 'GET' && collection === 'runs' && id !== undefined) return this.read(id, origin);
    return problem(404, 'not-found', 'No such resource.');
  }

  /** The CSV behind a run's download URL; null when there is none. */
  csv(id: string): string | null {
    return this.runs.get(id)?.csv ?? null;
  }

  private reportType(type: string): SandboxReply {
    return type === REPORT_TYPE ? { status: 200, body: this.catalog() } : problem(404, 'report-type-not-found', `Unknown report type ${type}.`);
  }

  private catalog(): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      report_type: REPORT_TYPE,
      name: 'Invoice',
      description: 'Invoice items with their invoice, transaction and label.',
      available_columns: INVOICE_V1_COLUMNS.map((name) => ({ name, is_default: true })),
      data_availability: { status: 'ready', start: now - 365 * 86_400, end: now + 86_400, updated: now },
    };
  }

  private create(body: unknown): SandboxReply {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const unknown = Object.keys(input).filter((k) => !BODY_FIELDS.has(k));
    if (unknown.length > 0) return problem(422, 'validation-error', `Unknown fields: ${unknown.join(', ')}.`);
    if (typeof input.report_type !== 'string') return problem(422, 'validation-error', 'report_type is required.');
    if (input.report_type !== REPORT_TYPE) return problem(404, 'report-type-not-found', `Unknown report type ${input.report_type}.`);
    const interval = (input.interval ?? {}) as Record<string, unknown>;
    const { start, end } = interval;
    if (!isInt(start) || !isInt(end) || end <= start) return problem(422, 'validation-error', 'interval needs integer start and end (epoch seconds), end after start.');
    if (end - start > MAX_SPAN_S) return problem(400, 'invalid-parameter', 'A run can span up to 92 days.');
    const columns = Array.isArray(input.columns) ? input.columns.map(String) : [...INVOICE_V1_COLUMNS];
    const unlisted = columns.filter((c) => !(INVOICE_V1_COLUMNS as readonly string[]).includes(c));
    if (unlisted.length > 0) return problem(400, 'invalid-column', `Not a column of ${REPORT_TYPE}: ${unlisted.join(', ')}.`);
    const id = objectId();
    const wire = { id, report_type: REPORT_TYPE, status: 'QUEUED', interval: { start, end }, columns, created: Math.floor(Date.now() / 1000), result: null, error: null };
    this.runs.set(id, { wire, start, end, columns, fault: this.faults.take(), csv: null });
    return { status: 201, body: wire };
  }

  /** A queued run is done by its next read. */
  private read(id: string, origin: string): SandboxReply {
    const run = this.runs.get(id);
    if (!run) return problem(404, 'run-not-found', `No run ${id}.`);
    if (run.wire.status === 'QUEUED') this.finish(run, origin);
    return { status: 200, body: run.wire };
  }

  private finish(run: Run, origin: string): void {
    const fault = run.fault;
    if (fault === 'failed') return void Object.assign(run.wire, { status: 'FAILED', error: { code: 'internal-error', message: 'The report run failed.' } });
    const sold = [...this.state.transactions.values()].filter((t) => t.status !== 'ERROR' && epoch(t.createdAt) >= run.start && epoch(t.createdAt) < run.end);
    const rows = sold.flatMap((t) => this.items(t));
    run.csv = toCsv(run.columns, rows, fault);
    const expires = Math.floor(Date.now() / 1000) + 300;
    Object.assign(run.wire, { status: 'SUCCEEDED', result: { row_count: rows.length, download: { url: `${origin}/files/reports/${String(run.wire.id)}.csv`, expires_at: expires } } });
  }

  private items(t: TransactionRecord): Record<string, CsvValue>[] {
    const row = (type: string, description: string, amount: number, created: string, extra: Record<string, CsvValue> = {}): Record<string, CsvValue> => ({
      invoice_item_id: objectId(),
      invoice_item_type: type,
      invoice_item_description: description,
      invoice_item_amount: money(amount),
      invoice_item_currency: t.rate.currency,
      invoice_item_created: epoch(created),
      transaction_object_id: t.id,
      tracking_number: t.trackingNumber,
      carrier: t.rate.provider,
      servicelevel_token: t.rate.servicelevel.token,
      ...extra,
    });
    const paid = Number(t.rate.amount);
    const adjustments = this.billing.of(t.id).map((a) => row('ADJUSTMENT', a.reason, a.amount, a.at, a.billedWeightOz == null ? {} : { billed_weight: a.billedWeightOz, billed_weight_unit: 'oz' }));
    const refund = t.status === 'REFUNDED' ? [row('REFUND', 'Label refund', -paid, t.updatedAt)] : [];
    return [row('LABEL', `${t.rate.provider} ${t.rate.servicelevel.name}`, paid, t.createdAt), ...adjustments, ...refund];
  }
}
