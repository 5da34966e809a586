import type { TrackingReport, TrackingStatus } from '../domain/tracking.schema';
import type { ExceptionAction, ExceptionFilter, ExceptionFinding, ExceptionKind, ExceptionQueue, HubException } from './exception.schema';
import type { OdooPickingFacts, PlatformShipmentFacts, TrackedShipment } from './recon-input.schema';

/**
 * Ports of the hub's background work: reconciliation, tracking ingestion, exception queues, jobs, the shipment audit
 * trail. Readers talk to Odoo and the carrier platforms (sync/recon); stores live on the hub's PostgreSQL
 * (sync/hub/store); the pure rules are in this folder.
 */

/** The largest batch one read request covers: 10,000 shipments take at most 50 reads per system. */
export const RECON_BATCH = 200;

/** Odoo as reconciliation reads it: batched, at most RECON_BATCH records per request. */
export interface OdooReconReader {
  /** These pickings (any state), in requests of at most RECON_BATCH ids. */
  pickings(ids: readonly number[]): Promise<OdooPickingFacts[]>;
  /** Outgoing pickings done in [since, until) that carry a tracking reference, paged by RECON_BATCH. */
  doneWithTracking(since: number, until: number): Promise<OdooPickingFacts[]>;
  /**
   * Both at once, as a run needs them: the pickings `ids` and those done in [since, until) with a tracking reference,
   * in one paged read — ⌈(pickings of either kind) / RECON_BATCH⌉ requests.
   */
  window(ids: readonly number[], since: number, until: number): Promise<OdooPickingFacts[]>;
}

/** A carrier platform as reconciliation reads it (report files or pages of at most RECON_BATCH). */
export interface PlatformReconReader {
  readonly platform: 'easypost' | 'shippo';
  /** Every label bought in [since, until), with what was charged, billed weight, refund and tracking state. */
  shipments(since: number, until: number): Promise<PlatformShipmentFacts[]>;
  /** Voids (refunds) a label: an orphan, per policy. */
  void(shipmentId: string): Promise<'submitted' | 'refunded' | 'rejected'>;
}

/** A platform's tracking as the polling fallback reads it. */
export interface TrackingPoller {
  readonly platform: 'easypost' | 'shippo';
  track(carrier: string, trackingCode: string): Promise<{ report: TrackingReport; raw: unknown }>;
}

/** What Odoo is told when a shipment's canonical status changes (README "Tracking": fields and activities per version). */
export interface TrackingChange {
  pickingId: number;
  pickingName: string | null;
  trackingCode: string;
  carrier: string | null;
  before: TrackingStatus | null;
  after: TrackingStatus;
  /** The carrier's words for the newest event, and where. */
  description: string;
  location: string | null;
  at: number | null;
}

export interface OdooTrackingNotifier {
  /** Posts the change in the picking's chatter and, for delivered / returned / failed / exception, what a user looks for. */
  notify(change: TrackingChange): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------- stores

export interface ExceptionRecordOutcome {
  opened: number[];
  seenAgain: number[];
  reopened: number[];
  /** Open exceptions of the run's kinds (and scope) that the run no longer found. */
  autoResolved: number[];
  /** The exception id of every finding recorded, by its key. */
  idsByKey: Record<string, number>;
}

export interface ExceptionStore {
  /**
   * Records one reconciliation run's findings in one transaction: a new key opens an exception; a known open one is
   * seen again; a resolved one found again reopens (an ignored one stays ignored). Open or in-progress exceptions of
   * `kinds` from source `reconciliation` whose key is not among the findings are resolved automatically (`by`).
   */
  record(findings: readonly ExceptionFinding[], opts: { kinds: readonly ExceptionKind[]; by: string; note: string; now: number }): Promise<ExceptionRecordOutcome>;
  /** One finding from tracking or a station: opens it, or notes it seen again (reopens a resolved one). */
  raise(finding: ExceptionFinding, by: string, now: number): Promise<HubException>;
  get(id: number): Promise<HubException | null>;
  list(filter: ExceptionFilter): Promise<HubException[]>;
  /** Every kind with open / in-progress counts and its oldest open item. */
  queues(): Promise<ExceptionQueue[]>;
  /** Applies one action to each id (each in the history); ids whose state does not allow it are refused with why. */
  act(ids: readonly number[], action: ExceptionAction, by: string, now: number): Promise<{ updated: number[]; refused: { id: number; why: string }[] }>;
  /** The hub acted on it per policy: noted in its history (state unchanged unless `resolve`). */
  note(id: number, by: string, note: string, now: number, resolve: boolean): Promise<void>;
}

/** What one tracking report did to a shipment. */
export interface TrackingIngestOutcome {
  before: TrackingStatus | null;
  after: TrackingStatus;
  /** Events the hub had not seen (0: a duplicate delivery). */
  newEvents: number;
  shipment: TrackedShipment;
}

export interface TrackingStore {
  /** The hub learns of a label (from a station's `label.bought` fact): its picking and station, for Odoo and the queues. */
  register(shipment: Pick<TrackedShipment, 'trackingCode' | 'carrier' | 'platform' | 'shipmentId' | 'stationId' | 'pickingId' | 'pickingName' | 'labelAt'>): Promise<void>;
  /**
   * Folds a report into what is known (app/carrier/tracking.merge.ts: never backwards), in one transaction with the
   * raw event (already masked) kept for audit. An unknown tracking code is registered on the fly.
   */
  ingest(input: { platform: 'easypost' | 'shippo'; source: 'webhook' | 'poll'; report: TrackingReport; rawMasked: unknown; shipmentId: string | null; receivedAt: number }): Promise<TrackingIngestOutcome>;
  get(trackingCode: string): Promise<TrackedShipment | null>;
  many(trackingCodes: readonly string[]): Promise<TrackedShipment[]>;
  /** Not in a final state and not heard from since `heardBefore`: the polling fallback's work, oldest first. */
  quiet(heardBefore: number, limit: number): Promise<TrackedShipment[]>;
  /** Raw events kept for one shipment, oldest first. */
  rawEvents(trackingCode: string): Promise<{ receivedAt: number; source: 'webhook' | 'poll'; platform: string; before: string | null; after: string; raw: unknown }[]>;
}

/** A change Odoo must be told about, kept until it is (one per tracking code and status: told once). */
export interface OdooNotice extends TrackingChange {
  id: number;
  attempts: number;
  nextAt: number;
}

export interface OdooNoticeQueue {
  /** Queues the change unless this code's status was queued before; returns whether it was new. */
  enqueue(change: TrackingChange, now: number): Promise<boolean>;
  /** Due notices, oldest first, claimed for `claimMs` (another hub skips them meanwhile). */
  due(now: number, limit: number, claimMs: number): Promise<OdooNotice[]>;
  done(id: number, now: number): Promise<void>;
  failed(id: number, error: string, retryAt: number): Promise<void>;
  pending(): Promise<number>;
}

export type JobName = 'reconcile' | 'tracking-poll' | 'odoo-notify';

export interface JobRun {
  id: number;
  job: JobName;
  /** Scheduled runs: the start of their period (ms); on-demand runs: null. */
  periodStart: number | null;
  payload: Record<string, unknown>;
  state: 'queued' | 'running' | 'done' | 'failed';
  requestedBy: string | null;
  hubId: string | null;
  attempts: number;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  result: Record<string, unknown> | null;
  error: string | null;
}

/**
 * The hub's job queue on its PostgreSQL (PGlite or a server shared by several hubs): a scheduled job runs exactly
 * once per period whichever hubs are up (the period's row is unique; a run whose hub stopped beating is taken over),
 * and on-demand runs are claimed by one hub each.
 */
export interface JobQueue {
  /** Claims the run of `job` for the period starting at `periodStart`: the run for exactly one caller, null for the rest. */
  claimPeriod(job: JobName, periodStart: number, payload: Record<string, unknown>, hubId: string, now: number, staleMs: number): Promise<JobRun | null>;
  /** Queues an on-demand run. */
  enqueue(job: JobName, payload: Record<string, unknown>, requestedBy: string, now: number): Promise<number>;
  /**
   * Claims the oldest queued on-demand run (or one whose hub stopped beating for `staleMs`), of `jobs` only when given
   * (a hub claims only what it has a handler for and is not running already).
   */
  claimNext(hubId: string, now: number, staleMs: number, jobs?: readonly JobName[]): Promise<JobRun | null>;
  heartbeat(runId: number, now: number): Promise<void>;
  finish(runId: number, outcome: { ok: true; result: Record<string, unknown> } | { ok: false; error: string }, now: number): Promise<void>;
  get(runId: number): Promise<JobRun | null>;
  recent(limit: number, job?: JobName): Promise<JobRun[]>;
}

/** One line of a shipment's trail across station, hub, Odoo and platform. */
export interface ShipmentAuditEntry {
  at: number;
  shipmentId: string | null;
  trackingCode: string | null;
  pickingId: number | null;
  system: 'station' | 'hub' | 'odoo' | 'easypost' | 'shippo';
  /** `station:<id>`, `hub`, `user:<name>`, `platform`. */
  actor: string;
  kind: 'request' | 'response' | 'status' | 'override' | 'finding';
  summary: string;
  /** Personal data masked (app/recon/personal-data.ts) before it is stored. */
  data: unknown;
}

export interface ShipmentAudit {
  append(entries: readonly ShipmentAuditEntry[]): Promise<void>;
  /** Every entry whose shipment id or tracking code is `ref`, oldest first. */
  trail(ref: string): Promise<(ShipmentAuditEntry & { id: number })[]>;
}

/** The hub store's parts for this background work (HubStore includes them). */
export interface ReconStores {
  readonly exceptions: ExceptionStore;
  readonly tracking: TrackingStore;
  readonly odooNotices: OdooNoticeQueue;
  readonly jobs: JobQueue;
  readonly shipmentAudit: ShipmentAudit;
}
