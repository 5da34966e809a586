import { z } from 'zod';
import { PrinterFaultSchema } from '../../app/domain/device.schema';
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
  held_by: z.string().nullable(),
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

/** held_by is JSON text; anything but a JSON array of known faults makes the whole row unreadable. */
const HeldByJsonSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'held_by is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.array(PrinterFaultSchema));

export const heldByColumn = (heldBy: PrintJob['heldBy']): string | null => (heldBy === null ? null : JSON.stringify(heldBy));

export type RowParse = { ok: true; job: StoredPrintJob } | { ok: false; id: string | null; reason: string };

const idOf = (raw: unknown): string | null =>
  typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;

export function parseJobRow(raw: unknown): RowParse {
  const row = PrintJobRowSchema.safeParse(raw);
  if (!row.success) return { ok: false, id: idOf(raw), reason: z.prettifyError(row.error) };
  const r = row.data;
  const heldBy = r.held_by === null ? null : HeldByJsonSchema.safeParse(r.held_by);
  if (heldBy !== null && !heldBy.success) return { ok: false, id: r.id, reason: z.prettifyError(heldBy.error) };
  const job = PrintJobSchema.safeParse({
    id: r.id,
    kind: r.kind,
    target: r.target,
    pickingId: r.picking_id,
    parcelIndex: r.parcel_index,
    state: r.state,
    attempts: r.attempts,
    detail: r.detail,
    heldBy: heldBy === null ? null : heldBy.data,
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
    heldBy: job.heldBy,
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

export const StateCountRowSchema = z.object({ state: z.string(), n: z.number().int().nonnegative() });
