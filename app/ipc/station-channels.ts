/**
 * Channels of the station around the packing flow: who is signed in, shift figures, the command sheet, sound
 * settings. Spread into `channels` (contract.ts); kept apart so that file stays readable.
 */
import { z } from 'zod';
import { CommandSheetSchema } from '../commands/command-sheet.schema';
import { SessionViewSchema } from '../people/person.schema';
import { ShiftFiguresSchema } from '../shift/shift.schema';
import { LanguageSchema } from '../i18n/language';

const Accepted = z.object({ accepted: z.boolean(), error: z.string().optional() });

export const FeedbackSettingsSchema = z.object({ volume: z.number().min(0).max(1), muted: z.boolean() });
export type FeedbackSettings = z.infer<typeof FeedbackSettingsSchema>;

export const stationChannels = {
  /** Who is signed in (also pushed as `people:session` on every change). */
  'people:session': { req: z.void(), res: SessionViewSchema },
  /** The PIN a supervisor types after scanning their badge (digits only; never logged). */
  'people:pin': { req: z.object({ pin: z.string().regex(/^\d{4,12}$/) }), res: Accepted },
  /** Sign out now (the same as scanning one's badge again or the sign-out command barcode). */
  'people:sign-out': { req: z.void(), res: Accepted },
  /** The current shift's figures for this station and per packer. */
  'shift:figures': { req: z.void(), res: ShiftFiguresSchema },
  /** The command sheet in the station's language (or the one asked for). */
  'commands:sheet': { req: z.object({ language: LanguageSchema.optional() }), res: CommandSheetSchema },
  /** Prints the command sheet on the label printer as ZPL, through the print queue. */
  'commands:print': { req: z.object({ language: LanguageSchema.optional() }), res: Accepted.extend({ jobId: z.string().optional() }) },
  /** Sound volume and mute for this station, kept across restarts. */
  'ui:feedback': { req: FeedbackSettingsSchema, res: Accepted },
  /** Silences the alert standing now (F9, or the O-BTN.ack barcode) on every screen showing the station. */
  'feedback:acknowledge': { req: z.void(), res: Accepted },
} as const;

/**
 * Channels only a signed-in supervisor may use (the core refuses them otherwise, whatever the screen shows): the
 * supervisor panel's reads and decisions. The packer's own dialogs ("did it print?", reprint of the last label) are
 * not here: any signed-in person answers those.
 */
export const SUPERVISOR_CHANNELS: ReadonlySet<string> = new Set([
  'print:jobs',
  'carrier:exceptions',
  'carrier:resolve-exception',
  'outbox:dead-letters',
  'outbox:replay',
  'outbox:discard',
  'outbox:replay-all',
  'carrier:labels',
  'carrier:void',
  'shipping:day',
  'shipping:return-label',
  'shipping:manifest',
  'shift:figures',
  'commands:sheet',
  'commands:print',
]);

/** Channels that write a record naming the person: refused while nobody is signed in. */
export const SIGNED_IN_CHANNELS: ReadonlySet<string> = new Set(['print:resolve', 'print:reprint', 'packing:command', 'scale:command']);
