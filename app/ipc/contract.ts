/**
 * The ONE IPC contract shared by the Electron main process, the preload, the renderer and the headless host's
 * WebSocket bridge. Every message is parsed with these schemas on both sides.
 */
import { z } from 'zod';
import { PackingViewSchema } from '../domain/packing-view.schema';
import { StationStatusSchema } from '../domain/status.schema';
import { PrintAuditEntrySchema, PrintJobSchema } from '../domain/print-job.schema';
import { DeadLetterAuditEntrySchema, DeadLetterDetailSchema } from '../domain/dead-letter.schema';
import { SyncTargetSchema } from '../domain/outbox-event.schema';
import { BoughtLabelSchema, VoidedLabelSchema } from '../domain/label-record.schema';
import { CarrierExceptionSchema } from '../domain/carrier.schema';
import { LanguageSchema, SaySchema, WeightUnitsSchema } from '../i18n/language';
import { SessionViewSchema } from '../people/person.schema';
import { FeedbackSettingsSchema, stationChannels } from './station-channels';
import { ManifestRunSchema, ReturnLabelRecordSchema, ShippingDaySchema } from '../domain/shipping-day.schema';

/**
 * What became of a scan: `applied` now, `queued` until the machine can take it (it is applied in order then), or
 * `refused` with the reason the packer also sees on screen.
 */
export const ScanAnswerSchema = z.object({
  accepted: z.boolean(),
  outcome: z.enum(['applied', 'queued', 'refused']),
  reason: z.string().optional(),
  /** The reason as a catalogue key, when the station worded it (for the screen's language). */
  reasonSay: SaySchema.optional(),
});
export type ScanAnswer = z.infer<typeof ScanAnswerSchema>;

export const PackingActionSchema = z.enum(['retry', 'cancel', 'pack', 'reprint']);
export type PackingAction = z.infer<typeof PackingActionSchema>;

/**
 * Audited requests carry no name: the core records whoever is signed in at the station (app/people), so a record
 * never names someone typed into a box.
 */
const AuditReason = z.string().trim().min(3).max(200);
/** A replay may go without a reason (the advice said "fix X, then replay"); a discard may not. */
const OptionalAuditReason = z.string().trim().max(200).optional();
const Accepted = z.object({ accepted: z.boolean(), error: z.string().optional() });

export const ScaleCommandSchema = z.enum(['zero', 'tare']);
export type ScaleCommand = z.infer<typeof ScaleCommandSchema>;

export const UiSettingsSchema = z.object({
  stationId: z.string(),
  /** The station's language and weight units (a signed-in packer's own language wins, see people:session). */
  language: LanguageSchema,
  weightUnits: WeightUnitsSchema,
  /** Sound volume 0–1 and mute, as last set at this station (ui:feedback). */
  feedback: FeedbackSettingsSchema,
  wedge: z.object({ enabled: z.boolean(), maxInterKeyMs: z.number().int().positive(), minLength: z.number().int().positive() }),
});
export type UiSettings = z.infer<typeof UiSettingsSchema>;

/** Request/response channels: `invoke(channel, req) → res`. */
export const channels = {
  'packing:view': { req: z.void(), res: PackingViewSchema },
  /** A scan typed or keyboard-wedged in the UI; same path as a serial scanner's scans. */
  'packing:scan': { req: z.object({ code: z.string().min(1).max(512) }), res: ScanAnswerSchema },
  'packing:command': { req: z.object({ action: PackingActionSchema }), res: z.object({ accepted: z.boolean() }) },
  'station:status': { req: z.void(), res: StationStatusSchema },
  /** Zero or tare the scale from the UI, where its protocol supports it. */
  'scale:command': {
    req: z.object({ action: ScaleCommandSchema }),
    res: z.object({ accepted: z.boolean(), error: z.string().optional() }),
  },
  /** Settings the renderer needs (keyboard-wedge timing). */
  'ui:settings': { req: z.void(), res: UiSettingsSchema },
  /** Recent print jobs and their audit trail (supervisor). */
  'print:jobs': {
    req: z.object({ limit: z.number().int().positive().max(500).default(50) }),
    res: z.object({ jobs: z.array(PrintJobSchema), audit: z.array(PrintAuditEntrySchema) }),
  },
  /** The operator's answer to "did the label print?" for an uncertain job. */
  'print:resolve': {
    req: z.object({ jobId: z.string().min(1), printed: z.boolean(), reason: AuditReason }),
    res: z.object({ accepted: z.boolean(), error: z.string().optional() }),
  },
  /** An explicit, audited reprint. */
  'print:reprint': {
    req: z.object({ jobId: z.string().min(1), reason: AuditReason }),
    res: z.object({ accepted: z.boolean(), jobId: z.string().optional(), error: z.string().optional() }),
  },
  /** The carrier exception queue: every open exception (oldest first) and the most recently resolved ones. */
  'carrier:exceptions': {
    req: z.object({ limit: z.number().int().positive().max(500).default(50) }),
    res: z.object({ open: z.array(CarrierExceptionSchema), resolved: z.array(CarrierExceptionSchema) }),
  },
  /** Closes an open carrier exception: who, and what was done (both required, audited on the exception itself). */
  'carrier:resolve-exception': { req: z.object({ id: z.number().int().positive(), resolution: AuditReason }), res: Accepted },
  /** Open dead letters with their advice and masked payload, and the recent decisions about dead letters. */
  'outbox:dead-letters': {
    req: z.object({ limit: z.number().int().positive().max(500).default(100) }),
    res: z.object({ letters: z.array(DeadLetterDetailSchema), audit: z.array(DeadLetterAuditEntrySchema) }),
  },
  /** Puts a dead event back in the queue (audited). */
  'outbox:replay': { req: z.object({ id: z.number().int().positive(), reason: OptionalAuditReason }), res: Accepted },
  /** Gives up on a dead event so its picking's later events can go (audited, reason required). */
  'outbox:discard': { req: z.object({ id: z.number().int().positive(), reason: AuditReason }), res: Accepted },
  /** Replays every replayable dead letter of one target (audited per letter). */
  'outbox:replay-all': {
    req: z.object({ target: SyncTargetSchema, reason: OptionalAuditReason }),
    res: Accepted.extend({ replayed: z.array(z.number().int()) }),
  },
  /** The latest labels bought (rate, service, why the policy chose it) and voided (with the platform's answer). */
  'carrier:labels': {
    req: z.object({ limit: z.number().int().positive().max(500).default(100) }),
    res: z.object({ bought: z.array(BoughtLabelSchema), voided: z.array(VoidedLabelSchema) }),
  },
  /** Voids a parcel's label (audited): its postage is asked back, Odoo takes it off the picking, the parcel may get a new one. */
  'carrier:void': {
    req: z.object({ reference: z.string().trim().min(1).max(120), reason: AuditReason }),
    res: Accepted.extend({ voided: VoidedLabelSchema.optional() }),
  },
  /** The shipping day: return labels bought, manifests made, and what the next manifest would hold. */
  'shipping:day': { req: z.void(), res: ShippingDaySchema },
  /** Buys a return label for a picking (its name or id) and prints it; the weight defaults to its heaviest parcel. */
  'shipping:return-label': {
    req: z.object({ picking: z.string().trim().min(1).max(120), weightG: z.number().positive().max(1_000_000).optional() }),
    res: Accepted.extend({ label: ReturnLabelRecordSchema.optional(), printJobId: z.string().nullable().optional(), printError: z.string().nullable().optional() }),
  },
  /** The end-of-day manifest, or with `dryRun` what it would hold. */
  'shipping:manifest': {
    req: z.object({ carrier: z.string().trim().min(1).max(60).optional(), dryRun: z.boolean().default(false) }),
    res: Accepted.extend({ run: ManifestRunSchema.optional() }),
  },
  ...stationChannels,
} as const;
export type Channel = keyof typeof channels;
export type ChannelReq<C extends Channel> = z.infer<(typeof channels)[C]['req']>;
export type ChannelRes<C extends Channel> = z.infer<(typeof channels)[C]['res']>;

/** Push events from the core to every UI. */
export const pushEvents = {
  'packing:view': PackingViewSchema,
  'station:status': StationStatusSchema,
  'print:job': PrintJobSchema,
  /** Who is signed in changed (sign-in, sign-out, idle, PIN asked or refused). */
  'people:session': SessionViewSchema,
} as const;
export type PushEvent = keyof typeof pushEvents;
export type PushPayload<E extends PushEvent> = z.infer<(typeof pushEvents)[E]>;

/** What the preload (Electron) or the WebSocket bridge (browser) exposes as `window.station`. */
export interface StationApi {
  invoke<C extends Channel>(channel: C, req: ChannelReq<C>): Promise<ChannelRes<C>>;
  on<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void): () => void;
}

/**
 * The bridge's WebSocket subprotocols. A browser cannot set headers on a WebSocket, but it can offer subprotocols: the
 * page offers `station.v1` plus `station.token.<token>`, the host answers `station.v1` and never echoes the token.
 */
export const BRIDGE_PROTOCOL = 'station.v1';
export const BRIDGE_TOKEN_PROTOCOL_PREFIX = 'station.token.';
/** The URL fragment that carries the token from the printed link into the page (fragments never reach the server). */
export const BRIDGE_TOKEN_FRAGMENT = 'token';

/** Envelope of the headless host's WebSocket bridge (`/ws`). */
export const BridgeClientMessageSchema = z.object({
  kind: z.literal('invoke'),
  id: z.number().int(),
  channel: z.enum(Object.keys(channels) as [Channel, ...Channel[]]),
  req: z.unknown(),
});
export type BridgeClientMessage = z.infer<typeof BridgeClientMessageSchema>;

export const BridgeServerMessageSchema = z.union([
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(true), res: z.unknown() }),
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: z.string() }),
  z.object({ kind: z.literal('event'), event: z.enum(Object.keys(pushEvents) as [PushEvent, ...PushEvent[]]), payload: z.unknown() }),
]);
export type BridgeServerMessage = z.infer<typeof BridgeServerMessageSchema>;

/** The core side of the contract, implemented once in main/ and served over Electron IPC and WebSocket alike. */
export interface StationCore {
  handle<C extends Channel>(channel: C, req: ChannelReq<C>): Promise<ChannelRes<C>>;
  subscribe<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void): () => void;
}

export const parseRequest = <C extends Channel>(channel: C, req: unknown): ChannelReq<C> =>
  channels[channel].req.parse(req) as ChannelReq<C>;
export const parseResponse = <C extends Channel>(channel: C, res: unknown): ChannelRes<C> =>
  channels[channel].res.parse(res) as ChannelRes<C>;
