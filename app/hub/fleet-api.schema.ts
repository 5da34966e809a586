import { z } from 'zod';
import { HubCommandSchema, CommandResultSchema } from './hub-protocol.schema';
import { AuditEntrySchema, FleetAlertSchema, FleetStationSchema, HourlyCountSchema, HubRoleSchema, LagSampleSchema } from './fleet.schema';

/**
 * The fleet view's HTTP API, served by every hub (the same answers whichever hub is asked). A session cookie
 * (`hub_session`, HttpOnly, SameSite=Strict) carries the login; the `/fleet` socket.io namespace takes the same cookie
 * and pushes `fleet:station` rows as stations report. Errors answer `{ error }` with 400/401/403/404/409/502.
 *
 *   POST /api/login              LoginRequest → Me (sets the cookie)
 *   POST /api/logout             → {}
 *   GET  /api/me                 → Me
 *   GET  /api/fleet              → FleetSnapshot
 *   GET  /api/charts?hours=N     → Charts                  (N ≤ 72, default 12)
 *   POST /api/stations/:id/commands   StationCommandRequest → CommandResult   (supervisor; 409 when offline)
 *   GET  /api/audit?limit=N&stationId=S → { entries }      (supervisor)
 *   GET  /api/tokens             → { tokens }               (admin)
 *   POST /api/stations/:id/token TokenRequest → { token? } (admin; the plain token is shown once)
 */
export const LoginRequestSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const MeSchema = z.object({ username: z.string(), role: HubRoleSchema });
export type Me = z.infer<typeof MeSchema>;

export const FleetSnapshotSchema = z.object({
  hubId: z.string(),
  now: z.number(),
  stations: z.array(FleetStationSchema),
  alerts: z.array(FleetAlertSchema),
});
export type FleetSnapshot = z.infer<typeof FleetSnapshotSchema>;

export const ChartsSchema = z.object({ hours: z.number().int().positive(), hourly: z.array(HourlyCountSchema), lag: z.array(LagSampleSchema) });
export type Charts = z.infer<typeof ChartsSchema>;

/** Token rotation travels as its own admin action, never as a command a supervisor types. */
export const StationCommandRequestSchema = z.object({
  command: HubCommandSchema.refine((c) => c.kind !== 'token.rotate', 'token rotation is an admin token action'),
  reason: z.string().max(500).optional(),
});
export type StationCommandRequest = z.infer<typeof StationCommandRequestSchema>;
export const StationCommandResponseSchema = CommandResultSchema;

export const AuditResponseSchema = z.object({ entries: z.array(AuditEntrySchema) });

export const TokenRequestSchema = z.object({ action: z.enum(['issue', 'rotate', 'revoke']) });
export type TokenRequest = z.infer<typeof TokenRequestSchema>;
export const TokenResponseSchema = z.object({ token: z.string().optional(), rotated: z.boolean().optional() });

export const TokenListSchema = z.object({
  tokens: z.array(z.object({ stationId: z.string(), issuedAt: z.number(), revokedAt: z.number().nullable(), rotating: z.boolean() })),
});
