import { z } from 'zod';
import { StationStatusSchema } from '../domain/status.schema';
import { ShiftFiguresSchema } from '../shift/shift.schema';

/** Hub users' roles: viewers look, supervisors also command stations, admins also manage tokens and users. */
export const HubRoleSchema = z.enum(['viewer', 'supervisor', 'admin']);
export type HubRole = z.infer<typeof HubRoleSchema>;

export const AlertKindSchema = z.enum(['offline', 'backlog', 'printer_fault', 'dead_letters']);
export type AlertKind = z.infer<typeof AlertKindSchema>;

export const FleetAlertSchema = z.object({
  kind: AlertKindSchema,
  stationId: z.string(),
  /** Since when the condition holds (ms). */
  since: z.number(),
  message: z.string(),
});
export type FleetAlert = z.infer<typeof FleetAlertSchema>;

/** When a condition becomes an alert (hub.json `alerts`). */
export const AlertThresholdsSchema = z.strictObject({
  offlineMinutes: z.number().positive().default(5),
  backlogMinutes: z.number().positive().default(15),
  printerFaultMinutes: z.number().positive().default(3),
});
export type AlertThresholds = z.infer<typeof AlertThresholdsSchema>;

/**
 * One station as the fleet view shows it, built from the hub's records (presence, last report, ledger counts):
 * the same row whichever hub the supervisor is connected to.
 */
export const FleetStationSchema = z.object({
  stationId: z.string(),
  online: z.boolean(),
  /** Since when online or offline (ms); null for a station that never connected. */
  since: z.number().nullable(),
  lastSeenAt: z.number().nullable(),
  version: z.string().nullable(),
  paused: z.object({ by: z.string(), reason: z.string(), at: z.number() }).nullable(),
  /** The last report's status; null before the first one. */
  status: StationStatusSchema.nullable(),
  /** Since when the label printer has been out of order, by the hub's clock (null while it is fine). */
  printerFaultSince: z.number().nullable(),
  lastLabelAt: z.number().nullable(),
  labelsLastHour: z.number().int().nonnegative(),
  parcelsLastHour: z.number().int().nonnegative(),
  /** The shift's figures from the last report; null (or absent) before a report that carried them. */
  shift: ShiftFiguresSchema.nullable().optional(),
  alerts: z.array(FleetAlertSchema),
});
export type FleetStation = z.infer<typeof FleetStationSchema>;

/** Parcels per hour for charts: one bucket per station per hour (UTC hour start, ms). */
export const HourlyCountSchema = z.object({ stationId: z.string(), hour: z.number(), parcels: z.number().int().nonnegative(), labels: z.number().int().nonnegative() });
export type HourlyCount = z.infer<typeof HourlyCountSchema>;

/** Sync lag samples: the oldest pending event's age per target, sampled from reports at most once a minute. */
export const LagSampleSchema = z.object({ stationId: z.string(), at: z.number(), target: z.string(), oldestPendingAgeMs: z.number().nonnegative().nullable(), depth: z.number().int().nonnegative() });
export type LagSample = z.infer<typeof LagSampleSchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.number(),
  username: z.string(),
  action: z.string(),
  stationId: z.string().nullable(),
  detail: z.unknown(),
  outcome: z.enum(['ok', 'refused', 'failed']),
  error: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Fleet namespace push events (hub → fleet view). */
export const FLEET_EVENTS = {
  /** One station's row changed. */
  station: 'fleet:station',
} as const;
