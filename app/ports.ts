/**
 * The interfaces the packing core needs. `drivers/` and `sync/` implement them; `main/bootstrap.ts` wires them.
 * Everything here is pure types: the core never touches I/O directly.
 */
import type {
  DeviceHealth,
  Dpi,
  FactNeeds,
  OutboxPayload,
  Parcel,
  Picking,
  PickingFacts,
  PrinterStatus,
  PrintAuditEntry,
  PrintJob,
  PrintJobState,
  PrintRequest,
  Rate,
  RecordedParcel,
  ScaleReading,
  Shipment,
  StationStatus,
  SyncTarget,
} from './domain';
import type { StationErrorCode } from './domain/errors';
import type { FreightTotal } from './domain/freight.schema';

export type Unsubscribe = () => void;
export type Listener<T> = (value: T) => void;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Structural subset of a pino logger: parts take one so the host passes its own and tests pass nothing. */
export interface LogSink {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogSink: LogSink = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface Ids {
  /** A unique id (UUID v4 or similar). */
  next(): string;
}

/** Every long-running piece. `stop()` drains in-flight work and closes its resources. */
export interface Lifecycle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface DeviceObservable {
  health(): DeviceHealth;
  onHealth(listener: Listener<DeviceHealth>): Unsubscribe;
}

export interface Scale extends Lifecycle, DeviceObservable {
  /** Every parsed reading, stable or not. */
  onReading(listener: Listener<ScaleReading>): Unsubscribe;
  lastReading(): ScaleReading | null;
  /** Whether the protocol sends a stability flag; when false, stability comes from a window of readings. */
  readonly reportsStability?: boolean;
  /** Zero or tare the scale. Rejects with StationError('CONFIG') when the protocol has no such command. */
  command(action: 'zero' | 'tare'): Promise<void>;
}

export interface Scanner extends Lifecycle, DeviceObservable {
  /** One complete scan, prefix/terminator stripped. */
  onScan(listener: Listener<string>): Unsubscribe;
}

export interface LabelPrinter extends Lifecycle, DeviceObservable {
  /**
   * Asks the printer itself (`~HS`, then `~HQES` when `~HS` goes unanswered), never a spooler.
   * Rejects with StationError('NETWORK' | 'DEVICE') when the printer cannot be reached.
   */
  status(): Promise<PrinterStatus>;
  /** Sends raw ZPL and resolves when the last byte is written to the printer. */
  print(zpl: string): Promise<void>;
  /** The resolution labels must be made for (config, or learned from the printer on start). */
  dpi(): Dpi;
  /**
   * The printer's own count of labels printed (Zebra odometer), or null when it cannot tell. The spooler compares it
   * before and after a job whose connection broke to know whether the label came out.
   */
  labelCount(): Promise<number | null>;
}

/** An ESC/POS slip printer (packing slips). */
export interface SlipPrinter extends Lifecycle, DeviceObservable {
  /** Sends ESC/POS bytes; resolves when written. */
  print(bytes: Uint8Array): Promise<void>;
  /** Real status where the printer reports it (DLE EOT); null when it cannot tell. */
  status(): Promise<PrinterStatus | null>;
}

/**
 * The durable print queue and its worker. Jobs survive restarts; a job that may have printed is never resent
 * automatically; every human decision is audited.
 */
export interface PrintSpooler extends Lifecycle {
  /** Stores the job (durably) and starts it when its printer is ready. Returns the job id. */
  submit(request: PrintRequest): string;
  job(id: string): PrintJob | null;
  jobs(filter?: { states?: PrintJobState[]; pickingId?: number; limit?: number }): PrintJob[];
  /** Every state change of every job. */
  onJob(listener: Listener<PrintJob>): Unsubscribe;
  /** The operator answered "did the label print?" for an uncertain job. */
  resolveUncertain(jobId: string, printed: boolean, who: string, reason: string): void;
  /** An explicit, audited reprint: a new job with `reprintOf` set. Returns the new job id. */
  reprint(jobId: string, who: string, reason: string): string;
  /** Retry a failed job now (same job; audited as a reprint only if its bytes may have reached the printer). */
  retry(jobId: string, who: string): void;
  audit(jobId?: string): PrintAuditEntry[];
}

// ---------- remotes ----------

/** The remotes the station calls; each gets its own request-latency series. */
export type RemoteName = 'odoo' | 'carrier';

/**
 * Told once per request, at a remote's transport: which remote, which call (`stock.picking.read`, `POST
 * /shipments/:id/buy`, never argument values), how long it took and `ok` or the StationError code it failed with.
 * The host turns this into metrics and log lines, so the remotes stay free of both.
 */
export type RemoteCallObserver = (remote: RemoteName, method: string, ms: number, outcome: 'ok' | StationErrorCode | 'UNKNOWN') => void;

/** Spaces the requests to one remote (a request-rate limit with burst); `take()` resolves when one may go. */
export interface RequestLimiter {
  /** Resolves when the request may go; an `urgent` one (the packer waiting at the bench) goes ahead of background work. */
  take(urgent?: boolean): Promise<void>;
}

export interface OdooVersion {
  serverVersion: string;
  major: number;
}

export interface OdooGateway {
  version(): Promise<OdooVersion>;
  /** A cheap call that proves Odoo answers (no login, no record read); rejects like any call when it does not. */
  probe(): Promise<void>;
  /** Finds an open picking by its name (`WH/OUT/00012`) or barcode; null when none matches. */
  findPicking(scan: string): Promise<Picking | null>;
  /** One delivery's idempotent writes to one or more pickings: read together, label copies and validations combined. */
  pickingWorks(pickingIds: readonly number[]): Promise<PickingWorks>;
}

/** A bought label as Odoo keeps it: the tracking code on the picking, the ZPL as an attachment named `name`. */
export interface LabelCopy {
  trackingCode: string;
  name: string;
  zpl: string;
}

/** One picking's part of a delivery: read once for its conflict checks and writes, kept true as they go. */
export interface PickingWork extends PickingFactsSource {
  /**
   * Sets the done quantities of the parcel's items and puts them in a new package with its weight and package type.
   * `confirmLater`: what Odoo made is read back with other pickings' (PickingWorks.confirm), the id null until then.
   */
  putInPack(parcel: Parcel, opts?: { confirmLater?: boolean }): Promise<{ packageId: number | null }>;
  /**
   * The codes `carrier_tracking_ref` lacks (comma separated, one per parcel), in one write; with `freight`, the same
   * write sets `carrier_price` to its total (a `mixed` total writes none and says why in the picking's chatter).
   */
  addTrackingRefs(codes: readonly string[], freight?: FreightTotal): Promise<void>;
  /** A voided label leaves the picking: its code, its copy (renamed `VOID-…`), its cost; a chatter note says why. */
  voidLabel(label: LabelVoid): Promise<void>;
  /** Attaches each copy as an `ir.attachment` of the picking unless one of its name is there (ids by name). */
  attachLabels(labels: readonly Pick<LabelCopy, 'name' | 'zpl'>[]): Promise<Map<string, number>>;
  /** A note in the picking's chatter, posted once: nothing when a message containing `marker` is there. */
  noteOnce(marker: string, body: string): Promise<void>;
}

export interface LabelVoid {
  trackingCode: string;
  /** The copy's attachment name; null: found by its parcel and tracking code. */
  labelName: string | null;
  parcelIndex: number;
  freight: FreightTotal;
  /** For the chatter note: "Label <tracking> voided at station <stationId>: <reason>". */
  stationId: string;
  reason: string;
}

/**
 * Several pickings' works in one delivery (a backlog): read in one request, their label copies searched and created
 * together, fully packed ones validated with one call. Per picking the answer is null (done) or why not, so one
 * picking's trouble stays its own.
 */
export interface PickingWorks {
  /** One work per picking asked for, in that order. */
  readonly works: readonly PickingWork[];
  /** The parcels put in pack with `confirmLater`: checked against one read of these pickings' move lines. */
  confirm(pickingIds: readonly number[]): Promise<Map<number, unknown>>;
  attachLabels(labels: ReadonlyMap<number, readonly LabelCopy[]>): Promise<Map<number, unknown>>;
  validate(pickingIds: readonly number[]): Promise<Map<number, unknown>>;
}

/** Who holds a claim on a picking: a station id, since when, and when it last confirmed it (epoch ms, Odoo's clock). */
export interface PickingClaimHolder {
  stationId: string;
  since: number;
  lastSeen: number;
}

export type ClaimOutcome = { kind: 'claimed' } | { kind: 'held'; by: PickingClaimHolder };

/**
 * The first station to start packing a picking claims it in Odoo, where users see the claim and can clear it; a
 * second station is told who holds it and packs nothing. A claim left by a station that went away expires.
 */
export interface PickingClaims {
  claim(pickingId: number): Promise<ClaimOutcome>;
  /** Ends this station's claim, leaving `feedback` in the picking's chatter; nothing when it holds none. */
  release(pickingId: number, feedback: string): Promise<void>;
}

/** What Odoo says now about the facts a write to a picking depends on (its conflict check). */
export interface PickingFactsSource {
  pickingFacts(pickingId: number, needs: FactNeeds): Promise<PickingFacts>;
}

/** A picking as the prefetch sees it before loading it: enough to tell whether the copy it holds is current. */
export interface PickingRef {
  id: number;
  state: string;
  /** Odoo's `write_date`, a UTC 'YYYY-MM-DD HH:MM:SS' string. */
  writeDate: string;
}

export interface ReadyPickingsQuery {
  /** Only pickings written after this Odoo datetime ('YYYY-MM-DD HH:MM:SS', UTC); null for all. */
  since: string | null;
  /** Only pickings scheduled or created at or after this Odoo datetime. */
  notBefore: string;
  /** Picking types to serve; default all outgoing types (narrowed to `warehouseId`'s when set). */
  pickingTypeIds?: number[];
  warehouseId?: number;
  limit: number;
}

/** What the station prefetches so that it can pack while Odoo is out of reach. */
export interface OdooPickingFeed {
  /** The ready-to-pack pickings in scope, as refs (no lines): a full pass by urgency, an incremental one by write_date. */
  readyPickings(query: ReadyPickingsQuery): Promise<PickingRef[]>;
  /** The current state of these pickings (those written after `since` when given); deleted ones are absent. */
  pickingStates(ids: readonly number[], since: string | null): Promise<PickingRef[]>;
  /** Loads pickings in batches (a few calls whatever the count); one that cannot be packed is refused, not fatal. */
  loadPickings(ids: readonly number[]): Promise<{ pickings: Picking[]; refused: { id: number; reason: string }[] }>;
}

export type { CarrierExceptionQueue, CarrierExceptionRaise, CarrierGateway, CarrierPlatform, Quote, ShipmentRequest, ShipmentState } from './carrier.ports';

export type { Rate };

// ---------- local ledger & outbox ----------

/**
 * The station's durable ledger. Each method writes the ledger row(s) and the outbox event(s) in ONE transaction.
 */
export interface Ledger {
  /** What the station recorded for the picking (parcels, labels bought and printed); print jobs come from the spooler. */
  progress(pickingId: number): LedgerProgress;
  /**
   * Records a weighed parcel and queues its Odoo event. Repeating the same parcel is a no-op; a different parcel
   * under an index already recorded is refused (REJECTED): the first one may already be in Odoo and labelled.
   */
  recordParcelPacked(parcel: Parcel): void;
  /** Remembers a carrier shipment id before it is bought, so an interrupted purchase resumes instead of buying twice. */
  recordShipmentCreated(reference: string, shipmentId: string): void;
  shipmentFor(reference: string): { shipmentId: string; shipment: Shipment | null } | null;
  recordLabelBought(pickingId: number, parcelIndex: number, reference: string, shipment: Shipment): void;
  recordLabelPrinted(pickingId: number, parcelIndex: number): void;
  /** Queues the picking's validation (false: already recorded, nothing queued); `startedAt`: its first scan, if known. */
  recordPickingPacked(pickingId: number, startedAt?: number | null): boolean;
  /** Runs `fn` in one transaction with the ledger (the print queue shares the database). */
  atomically<T>(fn: () => T): T;
}

export type LedgerProgress = { parcels: Omit<RecordedParcel, 'labelJob'>[]; packed: boolean };

/** Pickings as last read from Odoo, for packing while Odoo is out of reach. */
export interface PickingCache {
  cachePicking(picking: Picking): void;
  cachedPicking(scan: string): Picking | null;
}

export interface OutboxStatusSource {
  status(): Pick<StationStatus, 'sync' | 'deadLetters'>;
}

export type { OutboxPayload, SyncTarget };
