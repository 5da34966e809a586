import { z } from 'zod';
import { PrintAuditEntrySchema, PrintJobSchema } from '../../app/domain/print-job.schema';
import type { PrintAuditEntry, PrintJob } from '../../app/domain/print-job.schema';

/** print_jobs rows as better-sqlite3 returns them; parsed before anything trusts them. */
export const PrintJobRowSchema = z.object({
  id: z.string(),
  kind: z.string(),
  target: z.string(),
  picking_id: z.number().int().nullable(),
  parcel_index: z.number().int().nullable(),
  data: z.string().min(1),
  state: z.string(),
  attempts: z.number().int(),
  detail: z.string().nullable(),
  reprint_of: z.string().nullable(),
  label_count_before: z.number().int().nullable(),
  bytes_out: z.union([z.literal(0), z.literal(1)]),
  created_at: z.number(),
  updated_at: z.number(),
  sent_at: z.number().nullable(),
  confirmed_at: z.number().nullable(),
});
export type PrintJobRow = z.infer<typeof PrintJobRowSchema>;

/** A job as the spooler needs it: the public PrintJob plus what only the worker uses. */
export type StoredPrintJob = PrintJob & {
  data: string;
  labelCountBefore: number | null;
  /** Bytes may have reached the printer at least once. */
  bytesOut: boolean;
  sentAt: number | null;
  confirmedAt: number | null;
};

export type RowParse = { ok: true; job: StoredPrintJob } | { ok: false; id: string | null; reason: string };

const idOf = (raw: unknown): string | null =>
  typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;

export function parseJobRow(raw: unknown): RowParse {
  const row = PrintJobRowSchema.safeParse(raw);
  if (!row.success) return { ok: false, id: idOf(raw), reason: z.prettifyError(row.error) };
  const r = row.data;
  const job = PrintJobSchema.safeParse({
    id: r.id,
    kind: r.kind,
    target: r.target,
    pickingId: r.picking_id,
    parcelIndex: r.parcel_index,
    state: r.state,
    attempts: r.attempts,
    detail: r.detail,
    reprintOf: r.reprint_of,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  if (!job.success) return { ok: false, id: r.id, reason: z.prettifyError(job.error) };
  return {
    ok: true,
    job: {
      ...job.data,
      data: r.data,
      labelCountBefore: r.label_count_before,
      bytesOut: r.bytes_out === 1,
      sentAt: r.sent_at,
      confirmedAt: r.confirmed_at,
    },
  };
}

/** The public view: what onJob listeners and the UI get (never the label bytes). */
export function publicJob(job: StoredPrintJob): PrintJob {
  return {
    id: job.id,
    kind: job.kind,
    target: job.target,
    pickingId: job.pickingId,
    parcelIndex: job.parcelIndex,
    state: job.state,
    attempts: job.attempts,
    detail: job.detail,
    reprintOf: job.reprintOf,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

export const PrintAuditRowSchema = z.object({
  id: z.number().int(),
  job_id: z.string(),
  action: z.string(),
  who: z.string(),
  reason: z.string(),
  at: z.number(),
});

export function parseAuditRow(raw: unknown): PrintAuditEntry | null {
  const row = PrintAuditRowSchema.safeParse(raw);
  if (!row.success) return null;
  const entry = PrintAuditEntrySchema.safeParse({
    id: row.data.id,
    jobId: row.data.job_id,
    action: row.data.action,
    who: row.data.who,
    reason: row.data.reason,
    at: row.data.at,
  });
  return entry.success ? entry.data : null;
}

export const StateRowSchema = z.object({ state: z.string() });
