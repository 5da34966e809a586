import type { StationReport } from './hub-protocol.schema';
import type { HubLedgerEntry } from './ledger-event.schema';
import type { AuditEntry, HourlyCount, HubRole, LagSample } from './fleet.schema';
import type { ReconStores } from '../recon/recon.ports';

/**
 * The hub's durable state, on PostgreSQL (PGlite embedded, or a server shared by several hubs). Everything several
 * hub processes must agree on lives here; live fan-out goes through socket.io's adapter, never through this store.
 * Every method is safe to call from several hubs at once.
 */

/** A station's token record: only hashes are kept; `next` is a rotated token the station has not used yet. */
export interface StationTokens {
  /** Registers the station (or re-issues): returns the new plain token, the only time it is seen. */
  issue(stationId: string, now: number): Promise<string>;
  /** A new token valid beside the current one until `promote`; returns it in plain. */
  rotate(stationId: string, now: number): Promise<string>;
  /** The station has the rotated token: it becomes the only valid one. */
  promote(stationId: string, now: number): Promise<void>;
  /** Refuses the station's tokens from now on. */
  revoke(stationId: string, now: number): Promise<void>;
  /** `ok` when the token is the station's current or rotated one; why not otherwise. */
  verify(stationId: string, token: string): Promise<'ok' | 'TOKEN_INVALID' | 'TOKEN_REVOKED'>;
  list(): Promise<{ stationId: string; issuedAt: number; revokedAt: number | null; rotating: boolean }[]>;
}

export interface PresenceRecord {
  stationId: string;
  online: boolean;
  since: number | null;
  lastSeenAt: number | null;
  hubId: string | null;
  version: string | null;
}

export interface StationPresence {
  /** The station connected to `hubId` (its socket id, so a late disconnect of an older socket changes nothing). */
  connected(stationId: string, hubId: string, socketId: string, version: string, now: number): Promise<void>;
  disconnected(stationId: string, socketId: string, now: number): Promise<void>;
  /** A hub is alive; presence held by hubs not seen for `staleMs` counts as offline since their last beat. */
  heartbeat(hubId: string, now: number): Promise<void>;
  /**
   * A hub (re)starting under `hubId` holds no socket yet: whatever its earlier run held is offline since that run's
   * last beat. Returns how many stations were let go.
   */
  releaseHub(hubId: string, now: number): Promise<number>;
  /** Every station's presence, or only `stationId`'s. */
  list(now: number, staleMs: number, stationId?: string): Promise<PresenceRecord[]>;
}

export interface StoredReport {
  stationId: string;
  report: StationReport;
  receivedAt: number;
  printerFaultSince: number | null;
}

export interface StationReports {
  /** Keeps the latest report (and samples lag at most once a minute per station). */
  save(stationId: string, report: StationReport, receivedAt: number, printerFaultSince: number | null): Promise<void>;
  /** Every station's latest report, or only `stationId`'s (a station's handshake reads its own alone). */
  latest(stationId?: string): Promise<StoredReport[]>;
  lag(sinceMs: number, stationId?: string): Promise<LagSample[]>;
}

export interface LedgerStore {
  /** Stores what is new (by station and seq) in one transaction; returns how many were new and the highest seq held. */
  append(stationId: string, entries: readonly HubLedgerEntry[], receivedAt: number): Promise<{ stored: number; highestSeq: number }>;
  highestSeq(stationId: string): Promise<number>;
  /** Parcels packed and labels bought per station per hour since `sinceMs`. */
  hourly(sinceMs: number): Promise<HourlyCount[]>;
  /** Per station: last label time, labels and parcels since `sinceMs`. */
  recent(sinceMs: number, stationId?: string): Promise<{ stationId: string; lastLabelAt: number | null; labels: number; parcels: number }[]>;
  /** Pickings with a `picking.validated` fact, per station (the demo's and tests' proof of done work). */
  validatedPickings(stationId?: string): Promise<{ stationId: string; pickingId: number }[]>;
  entries(stationId: string, afterSeq: number, limit: number): Promise<HubLedgerEntry[]>;
  /**
   * Every fact of each (station, picking) that has a fact recorded in [sinceMs, untilMs): what reconciliation folds
   * into pickings (a picking packed before the window but validated in it comes whole).
   */
  pickingFacts(sinceMs: number, untilMs: number): Promise<{ stationId: string; entry: HubLedgerEntry }[]>;
  /** The station's side of one shipment: every fact of the parcel whose label `ref` (shipment id or tracking code) is. */
  shipmentFacts(ref: string): Promise<{ stationId: string; entry: HubLedgerEntry }[]>;
}

export interface HubUser {
  username: string;
  role: HubRole;
}

export interface HubUsers {
  /** Creates or replaces (password hashed with scrypt). */
  put(username: string, password: string, role: HubRole, now: number): Promise<void>;
  /** The user when the password matches; null otherwise (same time either way). */
  authenticate(username: string, password: string): Promise<HubUser | null>;
  count(): Promise<number>;
  list(): Promise<HubUser[]>;
  /** A session token (only its hash is stored) valid for `ttlMs`. */
  openSession(username: string, now: number, ttlMs: number): Promise<string>;
  session(token: string, now: number): Promise<HubUser | null>;
  closeSession(token: string): Promise<void>;
}

export interface AuditLog {
  record(entry: Omit<AuditEntry, 'id'>): Promise<number>;
  list(limit: number, stationId?: string): Promise<AuditEntry[]>;
}

/** Also the background work's parts (ReconStores): exceptions, tracking, Odoo notices, jobs, the shipment audit trail. */
export interface HubStore extends ReconStores {
  readonly tokens: StationTokens;
  readonly presence: StationPresence;
  readonly reports: StationReports;
  readonly ledger: LedgerStore;
  readonly users: HubUsers;
  readonly audit: AuditLog;
  close(): Promise<void>;
}
