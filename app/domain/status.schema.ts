import { z } from 'zod';
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

/** What `GET /api/status` and the supervisor panel show. */
export const StationStatusSchema = z.object({
  stationId: z.string(),
  at: z.number(),
  machine: z.object({ state: z.string(), message: z.string().nullable() }),
  picking: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  sync: z.array(TargetSyncStatusSchema),
  deadLetters: z.array(DeadLetterSchema),
  devices: z.object({
    scale: DeviceHealthSchema.extend({ lastReading: ScaleReadingSchema.nullable() }),
    scanner: DeviceHealthSchema,
    labelPrinter: DeviceHealthSchema,
  }),
});
export type StationStatus = z.infer<typeof StationStatusSchema>;
