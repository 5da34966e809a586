/**
 * Migrations for the bench around the packing flow: the people at the station (sign-in, records naming who did them,
 * settings kept at the station), the shift figures' time indexes and the sign-in's last activity. Kept apart from
 * `migrations.ts` so that file stays readable. Same rules: never edit one that shipped; append.
 */
import type { Migration } from './migrations';
const people = `
-- Who may sign in, as last read from Odoo: the badge is what the scanner reads (compared without case, like scans).
-- pin_hash is scrypt$salt$hash, never the PIN itself.
CREATE TABLE people_cache (
  person_id    TEXT    PRIMARY KEY,
  badge        TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(badge) > 0),
  name         TEXT    NOT NULL CHECK (length(name) > 0),
  role         TEXT    NOT NULL CHECK (role IN ('packer', 'supervisor')),
  language     TEXT,
  pin_hash     TEXT,
  refreshed_at INTEGER NOT NULL
) STRICT;

-- One row per sign-in; signed_out_at stays NULL while the person is at the station (a restart resumes it unless idle).
CREATE TABLE station_sessions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id     TEXT    NOT NULL,
  person_name   TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('packer', 'supervisor')),
  signed_in_at  INTEGER NOT NULL,
  signed_out_at INTEGER,
  ended_by      TEXT    CHECK (ended_by IN ('badge', 'command', 'idle', 'other-badge', 'restart'))
) STRICT;
CREATE INDEX station_sessions_open ON station_sessions(signed_out_at) WHERE signed_out_at IS NULL;

-- Every record names whoever was signed in (person id + the name at the time); NULL for records written before.
ALTER TABLE parcels ADD COLUMN packed_by_id TEXT;
ALTER TABLE parcels ADD COLUMN packed_by TEXT;
ALTER TABLE pickings_packed ADD COLUMN packed_by_id TEXT;
ALTER TABLE pickings_packed ADD COLUMN packed_by TEXT;
-- When the picking was first scanned at the bench, for time per picking.
ALTER TABLE pickings_packed ADD COLUMN started_at INTEGER;
ALTER TABLE shipments ADD COLUMN bought_by_id TEXT;
ALTER TABLE shipments ADD COLUMN bought_by TEXT;
ALTER TABLE labels_printed ADD COLUMN printed_by_id TEXT;
ALTER TABLE labels_printed ADD COLUMN printed_by TEXT;

-- Settings changed at the station itself (sound volume, mute): key → JSON value.
CREATE TABLE station_settings (
  key        TEXT    PRIMARY KEY,
  value      TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;

// The shift figures (README "Shift figures") read the last few hours of records, and these tables only ever grow, so
// each read goes by time through an index instead of scanning years.
const shiftIndexes = `
CREATE INDEX parcels_by_packed_at ON parcels(packed_at);
CREATE INDEX pickings_packed_by_packed_at ON pickings_packed(packed_at);
CREATE INDEX print_jobs_by_created_at ON print_jobs(created_at);
CREATE INDEX print_audit_by_action_at ON print_audit(action, at);
CREATE INDEX carrier_exceptions_by_opened_at ON carrier_exceptions(opened_at);
`;

const sessionLastSeen = `
-- The last scan or key of the person signed in (written at most every few seconds): a restart resumes the sign-in
-- only if the idle sign-out time has not passed since.
ALTER TABLE station_sessions ADD COLUMN last_seen_at INTEGER;
`;

export const BENCH_MIGRATIONS: readonly Migration[] = [
  { version: 14, name: 'people', sql: people },
  { version: 15, name: 'shift-indexes', sql: shiftIndexes },
  { version: 16, name: 'session-last-seen', sql: sessionLastSeen },
];
