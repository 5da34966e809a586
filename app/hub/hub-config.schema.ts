import { z } from 'zod';
import { AlertThresholdsSchema } from './fleet.schema';

/** `hub.json`: what `station hub --config hub.json` runs with. */
export const HubConfigSchema = z.strictObject({
  /** This process's name among the hubs behind one address (presence records which hub holds a station). */
  hubId: z.string().min(1).default('hub-1'),
  /** Where the embedded database lives (PGlite) and other files; relative to the config file. */
  dataDir: z.string().min(1),
  listen: z.strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8900) }).prefault({}),
  /**
   * TLS for a hub reachable off loopback (stations refuse plain http to a non-loopback hub): PEM files, relative to
   * the config file. A hub behind a TLS-terminating proxy listens on loopback without them.
   */
  tls: z.strictObject({ cert: z.string(), key: z.string() }).optional(),
  /** Unset: PGlite in `<dataDir>/pg` (one hub process). Set: a PostgreSQL server (`postgres://…`), shared by hubs. */
  database: z.strictObject({ url: z.string().regex(/^postgres(ql)?:\/\//, 'database.url must be postgres://…') }).optional(),
  /** Set: live state fans out through socket.io's Redis adapter to every hub on the same Redis (`redis://…`). */
  redis: z.strictObject({ url: z.string().regex(/^rediss?:\/\//, 'redis.url must be redis://… or rediss://…') }).optional(),
  alerts: AlertThresholdsSchema.prefault({}),
  /** Fleet view sessions. */
  sessionHours: z.number().positive().default(12),
  /** A station not heard from for this long is shown offline even if its socket looks open. */
  heartbeatSeconds: z.number().int().positive().default(10),
  /** How long a command waits for the station's answer. */
  commandTimeoutMs: z.number().int().positive().default(15_000),
});
export type HubConfig = z.infer<typeof HubConfigSchema>;
