import { z } from 'zod';
import { CarrierKindSchema } from './carrier.schema';
import { RatePolicySchema } from './rate-policy.schema';
import { DpiSchema } from './shipment.schema';
import { DisplayConfigShape, PeopleConfigSchema } from './station-people-config.schema';

/**
 * Where a device is attached. `path` is one of:
 * - a serial path: `/dev/ttyUSB0`, `/dev/serial/by-id/…`, `COM3`;
 * - `tcp://host:port`: the raw socket of a serial device server (Moxa NPort, ser2net);
 * - `usb:<vendorId>:<productId>[:<serialNumber>]` (hex ids): a USB serial device found by its identity whatever
 *   path the OS gave it this time;
 * - `hid://<vendorId>:<productId>[/<serialNumber>]`: a USB-HID POS scale (protocol `usb-hid`).
 */
const USB_IDENTITY = /^usb:[0-9a-f]{1,4}:[0-9a-f]{1,4}(:.+)?$/i;
const HID_IDENTITY = /^hid:\/\/[0-9a-f]{1,4}:[0-9a-f]{1,4}(\/.+)?$/i;

export const SerialLinkSchema = z.strictObject({
  path: z
    .string()
    .min(1)
    .refine((p) => !/^usb:/i.test(p) || USB_IDENTITY.test(p), 'usb identity must be usb:<vendorId>:<productId>[:<serialNumber>] (hex ids)')
    .refine((p) => !/^hid:/i.test(p) || HID_IDENTITY.test(p), 'hid address must be hid://<vendorId>:<productId>[/<serialNumber>] (hex ids)'),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
});
export type SerialLink = z.infer<typeof SerialLinkSchema>;

export const ScaleProtocolSchema = z.enum(['mt-sics', 'toledo-8217', 'adam', 'cas', 'nci', 'configurable', 'usb-hid']);
export type ScaleProtocol = z.infer<typeof ScaleProtocolSchema>;

/**
 * A scale model no built-in protocol covers: the bytes to poll with, how frames end, and a regex with named groups
 * `weight` (required), `unit` (g|kg|lb|oz, else `defaultUnit`), `stable`/`motion` (a match of the group means
 * stable/in motion). Escapes like `\r`, `\n`, `\x02` are allowed in `request` and `terminator`.
 */
export const ConfigurableScaleSchema = z.strictObject({
  request: z.string().nullable().default(null),
  terminator: z.string().min(1).default('\r\n'),
  pattern: z.string().min(1),
  defaultUnit: z.enum(['g', 'kg', 'lb', 'oz']).default('kg'),
  zero: z.string().nullable().default(null),
  tare: z.string().nullable().default(null),
});
export type ConfigurableScale = z.infer<typeof ConfigurableScaleSchema>;

/** When a weight counts as stable for protocols without a stability flag (or to double-check one that has it). */
export const StabilitySchema = z.strictObject({
  /** `flag`: trust the protocol's flag; `window`: N readings within ±toleranceG over windowMs; `auto`: flag when the protocol has one. */
  mode: z.enum(['auto', 'flag', 'window']).default('auto'),
  readings: z.number().int().min(2).default(3),
  toleranceG: z.number().nonnegative().default(2),
  windowMs: z.number().int().positive().default(600),
});
export type Stability = z.infer<typeof StabilitySchema>;

export const ScaleConfigSchema = SerialLinkSchema.extend({
  protocol: ScaleProtocolSchema,
  /** How often the scale is asked for a weight (continuous protocols are not polled). */
  pollMs: z.number().int().positive().default(200),
  /**
   * `continuous`: the scale streams on its own — MT-SICS is put into `SIR` once per connection, an Adam scale must
   * be set to continuous print mode. CAS always streams; Toledo and NCI only answer requests.
   */
  output: z.enum(['poll', 'continuous']).default('poll'),
  /** No fresh frame for this long and the scale shows as silent. */
  staleMs: z.number().int().positive().default(2000),
  stability: StabilitySchema.default({ mode: 'auto', readings: 3, toleranceG: 2, windowMs: 600 }),
  /** |weight| at or below this is "the scale is empty" (return-to-zero gate). */
  zeroBandG: z.number().nonnegative().default(5),
  /**
   * The unit the scale is set to, for protocols whose frames may carry none (Toledo 8213/8217 always, NCI
   * sometimes). Unset, Toledo guesses from the decimals (3 = kg, 2 = lb, 0 = g), which a scale set up otherwise
   * (lb with 3 decimals) defeats. A unit printed in the frame still wins.
   */
  unit: z.enum(['g', 'kg', 'lb', 'oz']).optional(),
  /**
   * A weight beyond ±maxG grams is a broken frame (line noise, wrong baud rate), never a reading: 1,000 kg by
   * default, far above any packing scale and far below `999999999 kg`.
   */
  maxG: z.number().positive().default(1_000_000),
  configurable: ConfigurableScaleSchema.optional(),
})
  .refine((s) => s.protocol !== 'configurable' || s.configurable !== undefined, {
    message: 'protocol "configurable" needs a "configurable" block (request, terminator, pattern)',
    path: ['configurable'],
  })
  .refine((s) => s.output === 'poll' || ['mt-sics', 'adam', 'cas'].includes(s.protocol), {
    message: 'continuous output is available for mt-sics (SIR), adam and cas; this protocol only answers requests',
    path: ['output'],
  })
  .refine((s) => s.unit === undefined || ['toledo-8217', 'nci'].includes(s.protocol), {
    message: 'unit applies to toledo-8217 and nci, whose frames may carry none; the others print theirs (configurable: defaultUnit)',
    path: ['unit'],
  });
export type ScaleConfig = z.infer<typeof ScaleConfigSchema>;

export const ScannerConfigSchema = SerialLinkSchema.extend({
  /** Bytes that end one scan; `\r`, `\n` or `\r\n` are the usual; empty = scans end by `interCharTimeoutMs`. */
  terminator: z.string().default('\r'),
  prefix: z.string().default(''),
  /** Bytes some scanners append before the terminator (e.g. a tab); stripped. */
  suffix: z.string().default(''),
  /** A scan with no terminator ends after this many ms of silence; 0 = only the terminator ends a scan. */
  interCharTimeoutMs: z.number().int().nonnegative().default(0),
}).refine((s) => s.terminator !== '' || s.interCharTimeoutMs > 0, {
  message: 'a scanner without terminator needs interCharTimeoutMs > 0 to know where a scan ends',
  path: ['interCharTimeoutMs'],
});
export type ScannerConfig = z.infer<typeof ScannerConfigSchema>;

const secret = z.string().min(1).optional();

/**
 * Every object in the config is strict: a typo such as `labelPrinter.ulr` fails start-up by name instead of being
 * ignored while a default (or nothing) applies in its place.
 */
const RateLimitSchema = z
  .strictObject({
    /** Requests per second on average. */
    rps: z.number().positive().optional(),
    /** Requests that may go at once after a quiet spell. */
    burst: z.number().int().min(1).default(10),
  })
  .prefault({});

export const StationConfigSchema = z.strictObject({
  stationId: z.string().min(1),
  dataDir: z.string().min(1),
  odoo: z.strictObject({
    url: z.string().url(),
    db: z.string().min(1),
    login: z.string().min(1),
    /** API key or password; `STATION_ODOO_API_KEY` overrides it, so it need not live in the file. */
    apiKey: secret,
    /** How long one call may take before it counts as unanswered (the remote is then treated as out of reach). */
    timeoutMs: z.number().int().min(100).default(15_000),
    /**
     * The ready pickings fetched ahead of any scan, so the bench keeps packing while Odoo is out of reach. Unset
     * types: every outgoing type (of `warehouseId` when set). Bounded by count and by age (scheduled or created).
     */
    prefetch: z
      .strictObject({
        enabled: z.boolean().default(true),
        pickingTypeIds: z.array(z.number().int().positive()).min(1).optional(),
        warehouseId: z.number().int().positive().optional(),
        intervalMs: z.number().int().min(1000).default(300_000),
        maxPickings: z.number().int().positive().max(5000).default(500),
        maxAgeDays: z.number().positive().default(14),
      })
      .prefault({}),
    /**
     * The station claims each picking it starts in Odoo (an activity "Packing at station <id>" on the picking) so a
     * second station is told who packs it. A claim not confirmed for `ttlMinutes` (the station went away) expires.
     */
    claims: z
      .strictObject({
        enabled: z.boolean().default(true),
        ttlMinutes: z.number().positive().default(60),
      })
      .prefault({}),
  }),
  carrier: z.strictObject({
    /** The multi-carrier platform behind the station: its REST API (`https://api.easypost.com/v2`, `https://api.goshippo.com`). */
    kind: CarrierKindSchema,
    baseUrl: z.string().url(),
    /** `STATION_CARRIER_API_KEY` overrides it (EasyPost API key, Shippo API token). */
    apiKey: secret,
    /** Preferred services in order (e.g. `["Ground", "Priority"]`): short for `policy: { choose: "preferred", preferred }`. */
    services: z.array(z.string()).default([]),
    /** How the station chooses a rate (README "Rate shopping"); `services` is used when this is absent. */
    policy: RatePolicySchema.optional(),
    /** Per Odoo delivery carrier (its name in Odoo): overrides `policy` for that carrier's pickings. */
    policies: z.record(z.string(), RatePolicySchema).default({}),
    /** Verify each picking's destination with the platform before its first label is bought. */
    verifyAddresses: z.boolean().default(true),
    /** The platform unanswered for this long (while the packer waits for a label) makes the parcel an exception. */
    downAfterMinutes: z.number().positive().default(5),
    /** How long one platform call may take before it counts as unanswered. */
    timeoutMs: z.number().int().min(100).default(20_000),
  }),
  /**
   * The hub this station reports to (status, ledger, supervisors' commands): `https://…`, or `http://` on loopback.
   * Unset: the station runs alone. `STATION_HUB_TOKEN` overrides `token`; a token the hub rotates is kept with the
   * station's other secrets (README "Hub").
   */
  hub: z
    .strictObject({
      url: z.string().url(),
      token: secret,
      /** Status reports are sent on change, but not more often than this. */
      statusMinIntervalMs: z.number().int().min(100).default(500),
    })
    .optional(),
  scale: ScaleConfigSchema,
  scanner: ScannerConfigSchema,
  labelPrinter: z.strictObject({
    /**
     * `tcp://host:port` (raw 9100), `serial:<path>[?baud=9600&dataBits=8&parity=none&stopBits=1]` (path: a serial
     * port, a `usb:` identity or a device server's `tcp://`), or `file:/dev/usb/lp0` (a device file).
     */
    url: z
      .string()
      .regex(
        /^(tcp:\/\/[^:/]+:\d+|serial:[^?]+(\?.*)?|file:(\/\/)?\/.+)$/i,
        'label printer url must be tcp://host:port, serial:<path>[?baud=…] or file:/dev/…',
      ),
    /** Used until the printer tells its own resolution (`~HI` on start); the printer wins when they differ. */
    dpi: DpiSchema.default(203),
  }),
  /** An ESC/POS packing-slip printer on raw TCP (usually port 9100). Optional: stations without one print no slips. */
  slipPrinter: z
    .strictObject({
      url: z.string().regex(/^tcp:\/\/[^:/]+:\d+$/, 'slip printer url must be tcp://host:port'),
      /** Characters per line: 48 for 80 mm paper, 32 for 58 mm. */
      width: z.number().int().min(16).max(80).default(48),
    })
    .optional(),
  /**
   * The station's own labels, printed on the label printer after each parcel's shipping label. Optional: without it
   * only the carrier's label prints.
   */
  labels: z
    .strictObject({
      /**
       * A GS1 logistic label with the parcel's SSCC (AI 00). The serial reference is derived from the Odoo picking
       * id and parcel index, so a reprint carries the same SSCC and two stations never make the same one.
       */
      sscc: z
        .strictObject({
          companyPrefix: z.string().regex(/^\d{4,12}$/, 'GS1 company prefix is 4–12 digits'),
          extensionDigit: z.number().int().min(0).max(9).default(0),
        })
        .optional(),
      /** A packing-list label (what is in this box, with lots and serials) per parcel. */
      packingList: z.boolean().default(false),
    })
    .optional(),
  ui: z.strictObject({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8765),
    /** Keyboard-wedge scanners type fast: a burst with keys at most `maxInterKeyMs` apart, ending in Enter, is a scan. */
    wedge: z
      .strictObject({
        enabled: z.boolean().default(true),
        maxInterKeyMs: z.number().int().positive().default(35),
        minLength: z.number().int().positive().default(4),
      })
      .default({ enabled: true, maxInterKeyMs: 35, minLength: 4 }),
    ...DisplayConfigShape,
  }),
  people: PeopleConfigSchema,
  packing: z
    .strictObject({
      /** Measured weight may differ from products + box tare by this fraction … */
      weightTolerancePct: z.number().nonnegative().default(10),
      /** … or by this many grams, whichever is larger. */
      weightToleranceG: z.number().nonnegative().default(50),
    })
    .default({ weightTolerancePct: 10, weightToleranceG: 50 }),
  sync: z
    .strictObject({
      baseDelayMs: z.number().int().positive().default(1000),
      maxDelayMs: z.number().int().positive().default(60_000),
      maxAttempts: z.number().int().positive().default(12),
      /** Pickings whose events are delivered at once (one picking's events always go one after another). */
      maxPickingsInFlight: z.number().int().min(1).max(32).default(12),
      /** Request-rate limit per remote, all of this station's requests to it (none = as fast as it answers). */
      odoo: RateLimitSchema,
      carrier: RateLimitSchema,
    })
    .prefault({}),
});
export type StationConfig = z.infer<typeof StationConfigSchema>;
export type StationConfigInput = z.input<typeof StationConfigSchema>;
