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
