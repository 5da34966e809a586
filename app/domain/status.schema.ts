import { z } from 'zod';
import { SaySchema } from '../i18n/language';
import { DeviceHealthSchema, ScaleReadingSchema } from './device.schema';
import { SyncTargetSchema } from './outbox-event.schema';

export const TargetSyncStatusSchema = z.object({
  target: SyncTargetSchema,
  depth: z.number().int().nonnegative(),
  oldestPendingAgeMs: z.number().nonnegative().nullable(),
  lastSuccessAt: z.number().nullable(),
  lastError: z.string().nullable(),
  /** Since when the remote has been out of reach (events wait, none is dead-lettered for it); null while it answers. */
  unreachableSince: z.number().nullable(),
  /** The remote asked the station to slow down (429 Retry-After): nothing is sent to it before this time. */
  throttledUntil: z.number().nullable().optional(),
  /** The station's own request-rate limit (`sync.<target>.rps`) is holding requests back; null while none waits. */
  rateLimited: z.object({ rps: z.number().positive(), waiting: z.number().int().positive() }).nullable().optional(),
});
export type TargetSyncStatus = z.infer<typeof TargetSyncStatusSchema>;

export const DeadLetterSchema = z.object({
  id: z.number().int(),
  eventId: z.number().int().nullable(),
  target: z.string(),
  orderKey: z.string(),
  reason: z.string(),
  at: z.number(),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

/** How fresh the station's copies of ready pickings are: packing while Odoo is out of reach relies on them. */
export const PickingCacheStatusSchema = z.object({
  /** Whether ready pickings are fetched ahead of scans (`odoo.prefetch.enabled`). */
  enabled: z.boolean(),
  /** Pickings the station can pack from its cache. */
  count: z.number().int().nonnegative(),
  lastRefreshAt: z.number().nullable(),
  /** The last refresh's failure (an unreachable Odoo keeps the cache as it was); null once a refresh succeeds. */
  lastError: z.string().nullable(),
  lastErrorAt: z.number().nullable(),
  refreshing: z.boolean(),
});
export type PickingCacheStatus = z.infer<typeof PickingCacheStatusSchema>;

/** The station's own database: `ok: false` once its file was deleted or replaced under the running station. */
export const StorageStatusSchema = z.object({ ok: z.boolean(), error: z.string().nullable() });
export type StorageStatus = z.infer<typeof StorageStatusSchema>;

/** The station's socket.io link to its hub: `since` is when it last connected or lost the connection. */
export const HubLinkStatusSchema = z.object({
  connected: z.boolean(),
  since: z.number().nullable(),
  /** Why the link is down (a refused token names TOKEN_REVOKED / TOKEN_INVALID); null while connected. */
  lastError: z.string().nullable(),
});
export type HubLinkStatus = z.infer<typeof HubLinkStatusSchema>;

/** What `GET /api/status` and the supervisor panel show. */
export const StationStatusSchema = z.object({
  stationId: z.string(),
  at: z.number(),
  /** `say` is `message` as a catalogue key, for the supervisor panel in the reader's language. */
  machine: z.object({ state: z.string(), message: z.string().nullable(), say: SaySchema.nullable().optional() }),
  picking: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  sync: z.array(TargetSyncStatusSchema),
  deadLetters: z.array(DeadLetterSchema),
  devices: z.object({
    scale: DeviceHealthSchema.extend({ lastReading: ScaleReadingSchema.nullable() }),
    scanner: DeviceHealthSchema,
    labelPrinter: DeviceHealthSchema,
  }),
  /** Absent from hosts without a station database of their own. */
  storage: StorageStatusSchema.optional(),
  /** Parcels waiting in the carrier exception queue; absent from hosts without a station database of their own. */
  carrierExceptions: z.object({ open: z.number().int().nonnegative() }).optional(),
  /** Absent from hosts that keep no picking cache. */
  pickingCache: PickingCacheStatusSchema.optional(),
  /** Absent when the station reports to no hub. */
  hub: HubLinkStatusSchema.optional(),
});
export type StationStatus = z.infer<typeof StationStatusSchema>;
