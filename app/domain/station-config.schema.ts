import { z } from 'zod';
import { DpiSchema } from './shipment.schema';

/** A serial device is a local serial path (`/dev/ttyUSB0`, `COM3`) or a raw TCP socket (`tcp://host:port`, Moxa/ser2net). */
export const SerialLinkSchema = z.object({
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
});
export type SerialLink = z.infer<typeof SerialLinkSchema>;

export const ScaleProtocolSchema = z.enum(['mt-sics', 'toledo-8217']);
export type ScaleProtocol = z.infer<typeof ScaleProtocolSchema>;

export const ScaleConfigSchema = SerialLinkSchema.extend({
  protocol: ScaleProtocolSchema,
  /** How often the scale is asked for a weight. */
  pollMs: z.number().int().positive().default(200),
  /** No fresh frame for this long and the scale shows as silent. */
  staleMs: z.number().int().positive().default(2000),
});
export type ScaleConfig = z.infer<typeof ScaleConfigSchema>;

export const ScannerConfigSchema = SerialLinkSchema.extend({
  /** Bytes that end one scan; `\r`, `\n` or `\r\n` are the usual scanner suffixes. */
  terminator: z.string().min(1).default('\r'),
  prefix: z.string().default(''),
});
export type ScannerConfig = z.infer<typeof ScannerConfigSchema>;

const secret = z.string().min(1).optional();

export const StationConfigSchema = z.object({
  stationId: z.string().min(1),
  dataDir: z.string().min(1),
  odoo: z.object({
    url: z.string().url(),
    db: z.string().min(1),
    login: z.string().min(1),
    /** API key or password; `STATION_ODOO_API_KEY` overrides it, so it need not live in the file. */
    apiKey: secret,
  }),
  carrier: z.object({
    kind: z.literal('easypost'),
    baseUrl: z.string().url(),
    /** `STATION_CARRIER_API_KEY` overrides it. */
    apiKey: secret,
    /** Preferred services in order (e.g. `["Ground", "Priority"]`); empty = cheapest rate. */
    services: z.array(z.string()).default([]),
  }),
  scale: ScaleConfigSchema,
  scanner: ScannerConfigSchema,
  labelPrinter: z.object({
    url: z.string().regex(/^tcp:\/\/[^:/]+:\d+$/, 'label printer url must be tcp://host:port'),
    dpi: DpiSchema.default(203),
  }),
  ui: z.object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8765),
  }),
  packing: z
    .object({
      /** Measured weight may differ from products + box tare by this fraction … */
      weightTolerancePct: z.number().nonnegative().default(10),
      /** … or by this many grams, whichever is larger. */
      weightToleranceG: z.number().nonnegative().default(50),
    })
    .default({ weightTolerancePct: 10, weightToleranceG: 50 }),
  sync: z
    .object({
      baseDelayMs: z.number().int().positive().default(1000),
      maxDelayMs: z.number().int().positive().default(60_000),
      maxAttempts: z.number().int().positive().default(12),
    })
    .default({ baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 12 }),
});
export type StationConfig = z.infer<typeof StationConfigSchema>;
export type StationConfigInput = z.input<typeof StationConfigSchema>;
