import { z } from 'zod';
import { PrinterFaultSchema } from './device.schema';

/**
 * A print job's life. `sending` means bytes may be on their way: from then on the job is never resent
 * automatically unless the printer's own counter or status proves it did not print; otherwise it becomes
 * `uncertain` and a person answers "did the label print?".
 *
 * queued → sending → sent → confirmed
 *            ↘ uncertain → confirmed (operator: printed) | queued (operator: not printed, audited)
 * queued|sending|sent → failed (gave up; a reprint is an explicit, audited new job)
 */
export const PrintJobStateSchema = z.enum(['queued', 'sending', 'sent', 'confirmed', 'uncertain', 'failed', 'cancelled']);
export type PrintJobState = z.infer<typeof PrintJobStateSchema>;

/**
 * `return-label`: a label bought on demand for the parcel's way back; `manifest-summary`: the end-of-day summary label;
 * `command-sheet`: the bench's command barcodes, printed from the supervisor panel.
 */
export const PrintJobKindSchema = z.enum(['shipping-label', 'sscc-label', 'packing-list-label', 'packing-slip', 'return-label', 'manifest-summary', 'command-sheet']);
export type PrintJobKind = z.infer<typeof PrintJobKindSchema>;

/** Which device prints it: the ZPL label printer or the ESC/POS slip printer. */
export const PrintTargetSchema = z.enum(['label', 'slip']);
export type PrintTarget = z.infer<typeof PrintTargetSchema>;

export const PrintJobSchema = z.object({
  id: z.string().min(1),
  kind: PrintJobKindSchema,
  target: PrintTargetSchema,
  pickingId: z.number().int().nullable(),
  parcelIndex: z.number().int().positive().nullable(),
  state: PrintJobStateSchema,
  attempts: z.number().int().nonnegative(),
  /** Why the job waits or failed, in words for the operator (e.g. "Paper out: load labels and close the head"). */
  detail: z.string().nullable(),
  /**
   * The printer faults holding this job right now (a hand is needed at the printer; the job goes on by itself once
   * fixed); null when it is not waiting on the printer. Empty when the printer says "not ready" without naming why.
   */
  heldBy: z.array(PrinterFaultSchema).nullable(),
  /** The job this one reprints (audited), if any. */
  reprintOf: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;

export const PrintAuditActionSchema = z.enum(['reprint', 'confirm-printed', 'confirm-not-printed', 'cancel']);
export type PrintAuditAction = z.infer<typeof PrintAuditActionSchema>;

/** Every human decision about a print job: who, when, why. */
export const PrintAuditEntrySchema = z.object({
  id: z.number().int(),
  jobId: z.string(),
  action: PrintAuditActionSchema,
  who: z.string().min(1),
  reason: z.string().min(1),
  at: z.number(),
});
export type PrintAuditEntry = z.infer<typeof PrintAuditEntrySchema>;

/** What the station asks to print. `data` is the printer's own language: ZPL text, or ESC/POS bytes as base64. */
export const PrintRequestSchema = z.object({
  kind: PrintJobKindSchema,
  target: PrintTargetSchema,
  pickingId: z.number().int().nullable(),
  parcelIndex: z.number().int().positive().nullable(),
  data: z.string().min(1),
});
export type PrintRequest = z.infer<typeof PrintRequestSchema>;
