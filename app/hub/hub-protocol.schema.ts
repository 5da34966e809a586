import { z } from 'zod';
import { StationStatusSchema } from '../domain/status.schema';
import { SyncTargetSchema } from '../domain/outbox-event.schema';
import { HubLedgerEntrySchema } from './ledger-event.schema';
import { ShiftFiguresSchema } from '../shift/shift.schema';

/**
 * The one socket.io link between a station and the hub, namespace `/station`. Every message is validated on both
 * ends with these schemas; names of events are the constants below, never strings at call sites.
 */
export const STATION_NAMESPACE = '/station';
export const FLEET_NAMESPACE = '/fleet';
export const HUB_PROTOCOL_VERSION = 1;

/** `io(url + '/station', { auth })`: the station's identity and its token (issued by the hub). */
export const StationHandshakeSchema = z.object({
  stationId: z.string().min(1).max(100),
  token: z.string().min(20).max(200),
  protocol: z.literal(HUB_PROTOCOL_VERSION),
  /** The station's software version, shown in the fleet view and diagnostics. */
  version: z.string().max(50),
});
export type StationHandshake = z.infer<typeof StationHandshakeSchema>;

/** Why the hub refused a handshake (socket.io `connect_error` message): the station stops retrying on revoked/unknown. */
export const HandshakeRefusalSchema = z.enum(['TOKEN_INVALID', 'TOKEN_REVOKED', 'PROTOCOL', 'BAD_HANDSHAKE']);
export type HandshakeRefusal = z.infer<typeof HandshakeRefusalSchema>;

/** Station → hub events. */
export const STATION_EVENTS = {
  /** The station's status (`/api/status`), sent on change, at most a few per second. No acknowledgement. */
  status: 'station:status',
  /** A batch of ledger entries; acknowledged with `LedgerAck` once stored durably. */
  ledger: 'station:ledger',
} as const;

export const LedgerBatchSchema = z.object({ entries: z.array(HubLedgerEntrySchema).min(1).max(500) });
export type LedgerBatch = z.infer<typeof LedgerBatchSchema>;

/** `stored`: entries new to the hub; `highestSeq`: the highest seq the hub holds for this station after the batch. */
export const LedgerAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), stored: z.number().int().nonnegative(), highestSeq: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type LedgerAck = z.infer<typeof LedgerAckSchema>;

/** Hub → station: a supervisor's command, answered through the socket.io acknowledgement with `CommandResult`. */
export const HUB_EVENTS = { command: 'hub:command' } as const;

export const HubCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dead-letters.replay'), ids: z.array(z.number().int()).min(1).optional(), target: SyncTargetSchema.optional() }),
  z.object({ kind: z.literal('dead-letters.discard'), id: z.number().int(), reason: z.string().min(1) }),
  z.object({ kind: z.literal('station.pause'), reason: z.string().min(1) }),
  z.object({ kind: z.literal('station.resume') }),
  z.object({ kind: z.literal('diagnostics') }),
  /** The station keeps the new token with its secrets and uses it from its next connection on. */
  z.object({ kind: z.literal('token.rotate'), token: z.string().min(20).max(200) }),
]);
export type HubCommand = z.infer<typeof HubCommandSchema>;
export type HubCommandKind = HubCommand['kind'];

export const CommandEnvelopeSchema = z.object({
  id: z.string().min(1),
  /** Who asked (the hub user), recorded by the station with what it did. */
  by: z.string().min(1),
  reason: z.string().optional(),
  command: HubCommandSchema,
});
export type CommandEnvelope = z.infer<typeof CommandEnvelopeSchema>;

export const CommandResultSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  error: z.string().optional(),
  /** What the station did: replayed ids, the diagnostics bundle, … (shape per kind, shown as JSON). */
  detail: z.unknown().optional(),
});
export type CommandResult = z.infer<typeof CommandResultSchema>;

/** A station's status as it travels: the local status plus what only the link knows (paused by whom). */
export const StationReportSchema = z.object({
  status: StationStatusSchema,
  paused: z.object({ by: z.string(), reason: z.string(), at: z.number() }).nullable(),
  version: z.string(),
  /** The current shift's figures (the busiest packers only); absent from stations that keep none. */
  shift: ShiftFiguresSchema.optional(),
});
export type StationReport = z.infer<typeof StationReportSchema>;
