import { z } from 'zod';
import { SaySchema } from '../i18n/language';
import { DeadLetterSchema } from './status.schema';

/** A person's decision about a dead letter. `replay-all` is one decision that replayed many letters of one target. */
export const DeadLetterActionSchema = z.enum(['replay', 'replay-all', 'discard']);
export type DeadLetterAction = z.infer<typeof DeadLetterActionSchema>;

/** Where the decision was made: the supervisor panel, `station outbox` on the station's machine, or the station's own code. */
export const DeadLetterViaSchema = z.enum(['ui', 'cli', 'station', 'hub']);
export type DeadLetterVia = z.infer<typeof DeadLetterViaSchema>;

/** Every human decision about a dead letter: who, when, why, and what it concerned (kept after the letter is gone). */
export const DeadLetterAuditEntrySchema = z.object({
  id: z.number().int(),
  deadLetterId: z.number().int(),
  action: DeadLetterActionSchema,
  who: z.string().min(1),
  /** Empty for a replay given without a reason; a discard always has one. */
  reason: z.string(),
  via: DeadLetterViaSchema,
  at: z.number(),
  target: z.string(),
  orderKey: z.string(),
  pickingName: z.string().nullable(),
});
export type DeadLetterAuditEntry = z.infer<typeof DeadLetterAuditEntrySchema>;

/** What the remote's error means in plain words, and what a person should do about it. */
export const DeadLetterAdviceSchema = z.object({
  /** The station's error code (REJECTED, AUTH, …), or LOCAL for a record the station itself could not read. */
  code: z.string(),
  /** The remote's exception class when it named one (odoo.exceptions.UserError). */
  remoteError: z.string().nullable(),
  summary: z.string(),
  instruction: z.string(),
  /** False when replaying cannot help (the stored record is unreadable): discard is the only way on. */
  replayable: z.boolean(),
  /** `summary` and `instruction` as catalogue keys, for a screen in the reader's language (the remote's words stay as they are). */
  say: z.object({ summary: SaySchema, instruction: SaySchema }).optional(),
});
export type DeadLetterAdvice = z.infer<typeof DeadLetterAdviceSchema>;

/** A dead letter as the supervisor and the CLI see it: personal data and secrets already masked in `payload`. */
export const DeadLetterDetailSchema = DeadLetterSchema.extend({
  pickingId: z.number().int().nullable(),
  pickingName: z.string().nullable(),
  eventType: z.string().nullable(),
  attempts: z.number().int().nonnegative().nullable(),
  advice: DeadLetterAdviceSchema,
  /** Pretty JSON (or the raw text when it is not JSON), masked and shortened. */
  payload: z.string(),
  resolvedAt: z.number().nullable(),
  resolution: z.enum(['replayed', 'discarded']).nullable(),
});
export type DeadLetterDetail = z.infer<typeof DeadLetterDetailSchema>;
