import type { SqlClient } from './sql-client';

/**
 * Numbered migrations of the hub's PostgreSQL database (PGlite or a server: the same statements). Never edit one that
 * has shipped: append. Times are milliseconds since the epoch; a station's own clock (`at` of ledger facts) may carry
 * fractions, so it is a double.
 */
export interface HubMigration { version: number; name: string; statements: readonly string[] }

export const hubMigrations: readonly HubMigration[] = [
  {
    version: 1,
    name: 'hub store',
    statements: [
      // Only SHA-256 hashes (hex) of station tokens; `next_hash` is a rotated token not yet promoted.
      `CREATE TABLE station_tokens (
         station_id   text    PRIMARY KEY,
         current_hash text    NOT NULL,
         next_hash    text,
         issued_at    bigint  NOT NULL,
         rotated_at   bigint,
         revoked_at   bigint
       )`,
      `CREATE TABLE hub_nodes (hub_id text PRIMARY KEY, last_beat_at bigint NOT NULL)`,
      // One row per station; `socket_id` is the connection that holds it, so a late disconnect of an older one is ignored.
      `CREATE TABLE station_presence (
         station_id   text    PRIMARY KEY,
         online       boolean NOT NULL,
         hub_id       text,
         socket_id    text,
         version      text,
         since        bigint,
         last_seen_at bigint
       )`,
      `CREATE TABLE station_reports (
         station_id          text   PRIMARY KEY,
         report              jsonb  NOT NULL,
         received_at         bigint NOT NULL,
         printer_fault_since bigint
       )`,
      // One sample per station, target and minute of the hub's clock: hubs racing on one station cannot add two.
      `CREATE TABLE lag_samples (
         station_id            text             NOT NULL,
         target                text             NOT NULL,
         minute                bigint           NOT NULL,
         at                    bigint           NOT NULL,
         oldest_pending_age_ms double precision,
         depth                 integer          NOT NULL,
         PRIMARY KEY (station_id, target, minute)
       )`,
      `CREATE INDEX lag_samples_by_time ON lag_samples (at)`,
      `CREATE TABLE ledger_entries (
         station_id  text             NOT NULL,
         seq         bigint           NOT NULL,
         at          double precision NOT NULL,
         type        text             NOT NULL,
         picking_id  bigint,
         fact        jsonb            NOT NULL,
         received_at bigint           NOT NULL,
         PRIMARY KEY (station_id, seq)
       )`,
      `CREATE INDEX ledger_entries_by_type_time ON ledger_entries (type, at) INCLUDE (station_id)`,
      `CREATE INDEX ledger_entries_validated ON ledger_entries (station_id, picking_id) WHERE type = 'picking.validated'`,
      // Per station: what `highestSeq` and "last label" need without scanning the ledger; kept in append's transaction.
      `CREATE TABLE ledger_stations (
         station_id    text             PRIMARY KEY,
         highest_seq   bigint           NOT NULL,
         last_label_at double precision
       )`,
      `CREATE TABLE hub_users (
         username   text   PRIMARY KEY,
         role       text   NOT NULL CHECK (role IN ('viewer', 'supervisor', 'admin')),
         salt       text   NOT NULL,
         hash       text   NOT NULL,
         updated_at bigint NOT NULL
       )`,
      `CREATE TABLE hub_sessions (
         token_hash text   PRIMARY KEY,
         username   text   NOT NULL REFERENCES hub_users (username) ON DELETE CASCADE,
         opened_at  bigint NOT NULL,
         expires_at bigint NOT NULL
       )`,
      `CREATE INDEX hub_sessions_by_expiry ON hub_sessions (expires_at)`,
      `CREATE TABLE hub_audit (
         id         bigserial PRIMARY KEY,
         at         bigint    NOT NULL,
         username   text      NOT NULL,
         action     text      NOT NULL,
         station_id text,
         detail     jsonb,
         outcome    text      NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
         error      text
       )`,
      `CREATE INDEX hub_audit_by_station ON hub_audit (station_id, id)`,
      // The audit trail is append-only in the database itself, not only by convention of the code.
      `CREATE FUNCTION hub_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'hub_audit is append-only'; END $$`,
      `CREATE TRIGGER hub_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON hub_audit
         FOR EACH STATEMENT EXECUTE FUNCTION hub_audit_append_only()`,
    ],
  },
  {
    version: 2,
    name: 'reconciliation, tracking, exception queues, jobs',
    statements: [
      // Scheduled runs: one row per job and period (the unique index is what makes "exactly once" across hubs).
      // On-demand runs: period_start null, claimed FOR UPDATE SKIP LOCKED. A running row whose heartbeat is stale is
      // taken over by another hub.
      `CREATE TABLE hub_job_runs (
         id           bigserial PRIMARY KEY,
         job          text    NOT NULL,
         period_start bigint,
         payload      jsonb   NOT NULL DEFAULT '{}',
         state        text    NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
         requested_by text,
         hub_id       text,
         attempts     integer NOT NULL DEFAULT 0,
         queued_at    bigint  NOT NULL,
         started_at   bigint,
         heartbeat_at bigint,
         finished_at  bigint,
         result       jsonb,
         error        text
       )`,
      // Reconciliation reads whole pickings of a time window from the ledger.
      `CREATE INDEX ledger_entries_by_time ON ledger_entries (at)`,
      `CREATE INDEX ledger_entries_by_picking ON ledger_entries (station_id, picking_id)`,
      `CREATE UNIQUE INDEX hub_job_runs_once_per_period ON hub_job_runs (job, period_start) WHERE period_start IS NOT NULL`,
      `CREATE INDEX hub_job_runs_queue ON hub_job_runs (state, queued_at)`,
      // One row per difference (`key` = kind + subject): found again, it is the same exception.
      `CREATE TABLE hub_exceptions (
         id               bigserial PRIMARY KEY,
         key              text   NOT NULL UNIQUE,
         kind             text   NOT NULL,
         severity         text   NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
         source           text   NOT NULL CHECK (source IN ('reconciliation', 'tracking', 'station')),
         state            text   NOT NULL CHECK (state IN ('open', 'in_progress', 'resolved', 'ignored')),
         station_id       text,
         picking_id       bigint,
         picking_name     text,
         shipment_id      text,
         tracking_code    text,
         detail           text   NOT NULL,
         amounts          jsonb,
         suggested_action jsonb  NOT NULL,
         owner            text,
         reason           text,
         opened_at        bigint NOT NULL,
         updated_at       bigint NOT NULL,
         last_seen_at     bigint NOT NULL,
         closed_at        bigint
       )`,
      `CREATE INDEX hub_exceptions_queue ON hub_exceptions (kind, state, opened_at)`,
      `CREATE INDEX hub_exceptions_by_ref ON hub_exceptions (tracking_code)`,
      `CREATE TABLE hub_exception_history (
         id           bigserial PRIMARY KEY,
         exception_id bigint NOT NULL REFERENCES hub_exceptions (id),
         at           bigint NOT NULL,
         by_whom      text   NOT NULL,
         action       text   NOT NULL,
         state        text   NOT NULL,
         note         text
       )`,
      `CREATE INDEX hub_exception_history_by_exception ON hub_exception_history (exception_id, id)`,
      // A shipment's canonical tracking (app/carrier/tracking.merge.ts folds every webhook and poll into `report`).
      `CREATE TABLE tracked_shipments (
         tracking_code  text   PRIMARY KEY,
         carrier        text,
         platform       text   NOT NULL,
         shipment_id    text,
         station_id     text,
         picking_id     bigint,
         picking_name   text,
         label_at       bigint,
         status         text   NOT NULL,
         last_event_at  bigint,
         last_change_at bigint,
         last_heard_at  bigint,
         report         jsonb  NOT NULL
       )`,
      `CREATE INDEX tracked_shipments_quiet ON tracked_shipments (last_heard_at) WHERE status NOT IN ('delivered', 'returned_to_sender', 'cancelled')`,
      `CREATE INDEX tracked_shipments_by_shipment ON tracked_shipments (shipment_id)`,
      // Every webhook or poll as it came (personal data masked), with the status before and after it.
      `CREATE TABLE tracking_events_raw (
         id            bigserial PRIMARY KEY,
         tracking_code text   NOT NULL,
         received_at   bigint NOT NULL,
         source        text   NOT NULL CHECK (source IN ('webhook', 'poll')),
         platform      text   NOT NULL,
         status_before text,
         status_after  text   NOT NULL,
         raw           jsonb  NOT NULL
       )`,
      `CREATE INDEX tracking_events_raw_by_code ON tracking_events_raw (tracking_code, id)`,
      // What Odoo must be told: once per tracking code and status, retried until it is.
      `CREATE TABLE odoo_notices (
         id            bigserial PRIMARY KEY,
         tracking_code text    NOT NULL,
         status        text    NOT NULL,
         change        jsonb   NOT NULL,
         state         text    NOT NULL CHECK (state IN ('pending', 'done')),
         attempts      integer NOT NULL DEFAULT 0,
         next_at       bigint  NOT NULL,
         queued_at     bigint  NOT NULL,
         done_at       bigint,
         error         text,
         UNIQUE (tracking_code, status)
       )`,
      `CREATE INDEX odoo_notices_due ON odoo_notices (next_at) WHERE state = 'pending'`,
      // One trail per shipment across station, hub, Odoo and platform (personal data masked before it is stored).
      `CREATE TABLE shipment_audit (
         id            bigserial PRIMARY KEY,
         at            bigint NOT NULL,
         shipment_id   text,
         tracking_code text,
         picking_id    bigint,
         system        text   NOT NULL,
         actor         text   NOT NULL,
         kind          text   NOT NULL,
         summary       text   NOT NULL,
         data          jsonb
       )`,
      `CREATE INDEX shipment_audit_by_shipment ON shipment_audit (shipment_id, id)`,
      `CREATE INDEX shipment_audit_by_tracking ON shipment_audit (tracking_code, id)`,
      `CREATE FUNCTION hub_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`,
      `CREATE TRIGGER shipment_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON shipment_audit
         FOR EACH STATEMENT EXECUTE FUNCTION hub_append_only()`,
    ],
  },
];

/** Any constant shared by every hub: the advisory lock that lets one of several hubs starting at once migrate. */
const MIGRATION_LOCK = 7_345_112_001;

/** Applies what is missing, all in one transaction under the lock; returns the versions it applied. */
export async function migrateHub(db: SqlClient, now: number, migrations: readonly HubMigration[] = hubMigrations): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS hub_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM hub_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO hub_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now]);
      applied.push(migration.version);
    }
    return applied;
  });
}
