import { z } from 'zod';
import { AlertThresholdsSchema } from './fleet.schema';
import { ReconPolicySchema } from '../recon/recon-input.schema';

const secret = z.string().min(1).optional();

/**
 * A carrier platform account the hub reads (reconciliation, tracking polls) and receives webhooks from. Secrets may
 * come from the environment instead (README "Reconciliation and tracking"): `STATION_HUB_EASYPOST_API_KEY`,
 * `STATION_HUB_EASYPOST_WEBHOOK_SECRET`, `STATION_HUB_SHIPPO_API_KEY`, `STATION_HUB_SHIPPO_WEBHOOK_SECRET`.
 */
const PlatformAccountSchema = z.strictObject({
  baseUrl: z.string().url(),
  apiKey: secret,
  /** EasyPost: the webhook's secret (HMAC of the raw body). Shippo: the secret the webhook URL carries. */
  webhookSecret: secret,
  timeoutMs: z.number().int().min(100).default(20_000),
});

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
  /**
   * The Odoo the stations deliver to, read by reconciliation and told about tracking changes. `apiKey` may come from
   * `STATION_HUB_ODOO_API_KEY`. Unset: reconciliation compares stations and platforms only.
   */
  odoo: z
    .strictObject({
      url: z.string().url(),
      db: z.string().min(1),
      login: z.string().min(1),
      apiKey: secret,
      timeoutMs: z.number().int().min(100).default(30_000),
    })
    .optional(),
  carriers: z.strictObject({ easypost: PlatformAccountSchema.optional(), shippo: PlatformAccountSchema.optional() }).prefault({}),
  /** The scheduled reconciliation (a job run once per period by one of the hubs). */
  reconciliation: z
    .strictObject({
      enabled: z.boolean().default(true),
      everyMinutes: z.number().int().min(1).default(60),
      /** Each run looks back this far (labels bought, pickings packed). */
      lookbackHours: z.number().positive().default(72),
      policy: ReconPolicySchema.prefault({}),
    })
    .prefault({}),
  /** Tracking: webhooks first; shipments no webhook has spoken of for `pollQuietHours` are polled. */
  tracking: z
    .strictObject({
      pollEveryMinutes: z.number().int().min(1).default(30),
      pollQuietHours: z.number().positive().default(12),
      pollBatch: z.number().int().positive().max(1000).default(200),
    })
    .prefault({}),
});
export type HubConfig = z.infer<typeof HubConfigSchema>;
