/**
 * Numbered schema migrations of the station database (`PRAGMA user_version` = last applied). Never edit one that
 * has shipped: append. Each runs in its own IMMEDIATE transaction: a crash or a full disk leaves the previous version.
 */
import { carrierDesk } from './carrier-migrations';
import { HUB_LINK_MIGRATIONS } from './hub-migrations';
import { BENCH_MIGRATIONS } from './bench-migrations';
export interface Migration { version: number; name: string; sql: string }

const initial = `
-- Pickings as last loaded from Odoo, so a station keeps packing while Odoo is unreachable.
CREATE TABLE picking_cache (
  picking_id INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  picking    TEXT    NOT NULL, -- JSON, parsed with PickingSchema on read
  cached_at  INTEGER NOT NULL
) STRICT;

-- Everything a packer may scan to open a picking (its name, the sales order in origin). A key that is reused by a
-- newer picking moves to it: the latest cached picking wins.
CREATE TABLE picking_scan_keys (
  scan_key   TEXT    PRIMARY KEY COLLATE NOCASE, -- scanners in caps-lock or with a lowercase layout still match
  picking_id INTEGER NOT NULL REFERENCES picking_cache(picking_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX picking_scan_keys_by_picking ON picking_scan_keys(picking_id);

CREATE TABLE parcels (
  picking_id   INTEGER NOT NULL,
  parcel_index INTEGER NOT NULL CHECK (parcel_index > 0),
  parcel       TEXT    NOT NULL, -- JSON, ParcelSchema
  weight_g     REAL    NOT NULL,
  packed_at    INTEGER NOT NULL,
  PRIMARY KEY (picking_id, parcel_index)
) STRICT;

-- One row per carrier purchase reference. The shipment id is stored before the purchase (shipment NULL) so an
-- interrupted purchase resumes on the same shipment instead of buying a second label.
CREATE TABLE shipments (
  reference     TEXT    PRIMARY KEY,
  shipment_id   TEXT    NOT NULL,
  picking_id    INTEGER,
  parcel_index  INTEGER,
  tracking_code TEXT,
  shipment      TEXT, -- JSON, ShipmentSchema; NULL until bought
  created_at    INTEGER NOT NULL,
  bought_at     INTEGER
) STRICT;
CREATE INDEX shipments_by_parcel ON shipments(picking_id, parcel_index);

CREATE TABLE labels_printed (
  picking_id       INTEGER NOT NULL,
  parcel_index     INTEGER NOT NULL,
  first_printed_at INTEGER NOT NULL,
  last_printed_at  INTEGER NOT NULL,
  times            INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (picking_id, parcel_index)
) STRICT;

CREATE TABLE pickings_packed (
  picking_id INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  packed_at  INTEGER NOT NULL
) STRICT;

-- 'discarded' is a human decision on a dead event; it unblocks the rest of its order key without claiming delivery.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  target          TEXT    NOT NULL,
  order_key       TEXT    NOT NULL,
  type            TEXT    NOT NULL,
  payload         TEXT    NOT NULL, -- JSON, OutboxPayloadSchema
  state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead', 'discarded')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  done_at         INTEGER
) STRICT;
-- The head of a key is the lowest open id; this partial index keeps that lookup small however many rows are done.
CREATE INDEX outbox_open_by_key ON outbox(target, order_key, id) WHERE state IN ('pending', 'dead');
CREATE INDEX outbox_pending ON outbox(target, created_at) WHERE state = 'pending';
CREATE INDEX outbox_done_at ON outbox(done_at) WHERE state IN ('done', 'discarded');

CREATE TABLE dead_letters (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id   INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
  target     TEXT    NOT NULL,
  order_key  TEXT    NOT NULL,
  reason     TEXT    NOT NULL,
  raw        TEXT    NOT NULL, -- the row as stored, so nothing is lost even when it cannot be parsed
  at         INTEGER NOT NULL,
  resolved_at INTEGER,
  resolution TEXT CHECK (resolution IN ('replayed', 'discarded'))
) STRICT;
CREATE INDEX dead_letters_open ON dead_letters(id) WHERE resolved_at IS NULL;
CREATE INDEX dead_letters_by_event ON dead_letters(event_id);

CREATE TABLE sync_state (
  target          TEXT PRIMARY KEY,
  last_success_at INTEGER,
  last_error      TEXT,
  last_error_at   INTEGER
) STRICT;
`;

// The durable print queue. A job's bytes live in the row so a restarted agent can still print it, and
// label_count_before is the printer's odometer read just before the first byte: after a broken connection it is the
// only proof of whether the label came out. bytes_out remembers that bytes may have reached the printer at least
// once, so a later manual retry is audited as the reprint it may be.
const printQueue = `
CREATE TABLE print_jobs (
  id                 TEXT    PRIMARY KEY,
  kind               TEXT    NOT NULL,
  target             TEXT    NOT NULL CHECK (target IN ('label', 'slip')),
  picking_id         INTEGER,
  parcel_index       INTEGER,
  data               TEXT    NOT NULL, -- ZPL text, or ESC/POS bytes as base64
  state              TEXT    NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'confirmed', 'uncertain', 'failed', 'cancelled')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  detail             TEXT,
  held_by            TEXT, -- JSON array of the printer faults holding the job; NULL when it does not wait on the printer
  reprint_of         TEXT    REFERENCES print_jobs(id),
  label_count_before INTEGER,
  bytes_out          INTEGER NOT NULL DEFAULT 0 CHECK (bytes_out IN (0, 1)),
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  sent_at            INTEGER,
  confirmed_at       INTEGER
) STRICT;
-- The worker only ever looks at open jobs of one printer, oldest first; finished jobs pile up outside this index.
CREATE INDEX print_jobs_open ON print_jobs(target, created_at, id) WHERE state IN ('queued', 'sending', 'sent');
CREATE INDEX print_jobs_by_parcel ON print_jobs(picking_id, parcel_index);
CREATE INDEX print_jobs_by_state ON print_jobs(state, updated_at);

CREATE TABLE print_audit (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT    NOT NULL REFERENCES print_jobs(id),
  action TEXT    NOT NULL,
  who    TEXT    NOT NULL,
  reason TEXT    NOT NULL,
  at     INTEGER NOT NULL
) STRICT;
CREATE INDEX print_audit_by_job ON print_audit(job_id, id);
`;

// Since when a remote has been out of reach (NULL while it answers): survives a restart, so the supervisor's "Odoo
// unreachable since 10:42" stays true, and a station that starts during an outage probes before it sends.
const reachability = `
ALTER TABLE sync_state ADD COLUMN unreachable_since INTEGER;
`;

// The picking cache also holds the ready pickings the station fetched ahead of any scan. write_date is Odoo's for the
// copy held (NULL for a copy loaded by a scan before this version), so a refresh loads only what changed; source says
// whether a scan or the prefetch brought it; masked_at: the customer's personal data was removed (kept for the name).
const pickingPrefetch = `
ALTER TABLE picking_cache ADD COLUMN write_date TEXT;
ALTER TABLE picking_cache ADD COLUMN source TEXT NOT NULL DEFAULT 'scan' CHECK (source IN ('scan', 'prefetch'));
ALTER TABLE picking_cache ADD COLUMN masked_at INTEGER;
CREATE INDEX picking_cache_unmasked ON picking_cache(picking_id) WHERE masked_at IS NULL;

-- One row: how fresh the prefetched pickings are. cursor is the highest Odoo write_date seen (UTC text).
CREATE TABLE picking_prefetch (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  cursor          TEXT,
  last_refresh_at INTEGER,
  last_full_at    INTEGER,
  last_error      TEXT,
  last_error_at   INTEGER
) STRICT;
INSERT INTO picking_prefetch (id) VALUES (1);
`;

// Every human decision about a dead letter (replay, replay all, discard): who, when, why, and from where. A replay
// without a reason keeps ''; a discard must say why. Rows are never deleted: they are the audit trail.
const deadLetterAudit = `
CREATE TABLE dead_letter_audit (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  dead_letter_id INTEGER NOT NULL REFERENCES dead_letters(id),
  action         TEXT    NOT NULL CHECK (action IN ('replay', 'replay-all', 'discard')),
  who            TEXT    NOT NULL CHECK (length(who) > 0),
  reason         TEXT    NOT NULL,
  via            TEXT    NOT NULL CHECK (via IN ('ui', 'cli', 'station')),
  at             INTEGER NOT NULL
) STRICT;
CREATE INDEX dead_letter_audit_by_letter ON dead_letter_audit(dead_letter_id, id);
`;

// The engine asks for the due heads after every delivery: walking pending rows in due order (and skipping the few
// that wait behind an earlier event of their picking) keeps that cost flat however long the backlog grows. The
// second index answers "does anything pending still carry an error?" without counting the backlog.
const outboxDueIndex = `
CREATE INDEX outbox_due ON outbox(target, next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_failing ON outbox(target) WHERE state = 'pending' AND last_error IS NOT NULL;
`;

// Failures the remote ANSWERED (a 500, an unreadable reply) count towards the dead-letter budget; an outage does not:
// a picking that waited through a day of unreachable Odoo must not be dead-lettered by the first 500 after it.
const answeredFailures = `
ALTER TABLE outbox ADD COLUMN answered_failures INTEGER NOT NULL DEFAULT 0;
`;

// Urgent (starred) and due-today pickings drain first when there is a backlog: the engine walks pending rows by
// priority, then due time.
const outboxPriority = `
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_due_by_priority ON outbox(target, priority DESC, next_attempt_at, id) WHERE state = 'pending';
`;

// What the station packed a picking against (its state, carrier, address, lines as loaded): before each write the
// sync engine compares it with what Odoo says now, and a difference becomes a conflict. Kept while the picking has
// work in the outbox; deleted once the picking is validated.
const pickingBasis = `
CREATE TABLE picking_basis (
  picking_id  INTEGER PRIMARY KEY,
  facts       TEXT    NOT NULL, -- JSON, parsed with PickingFactsSchema on read
  recorded_at INTEGER NOT NULL
) STRICT;
`;

// Fewer pages per packing commit. Each ledger write with its outbox event is one fsync'd commit, and what that commit
// costs grows with the WAL pages it writes: 8.8 per parcel recorded before this version (the parcel row and its
// primary-key index, the outbox row, four partial indexes, sqlite_sequence), 5 after it (outbox.bench.ts):
// - parcels is keyed by (picking_id, parcel_index) and nothing uses its rowid: WITHOUT ROWID stores the row in its key's
//   b-tree, one b-tree written instead of a table and its key's index.
// - outbox drops AUTOINCREMENT (its sqlite_sequence row was a page per event). SQLite then hands out max(id) + 1, so an
//   id comes back only if the highest row is deleted; the only delete, the prune of finished rows, keeps the highest
//   row (OutboxStore.pruneFinished), so ids still never repeat — in dead letters, audit trails and logs alike. Ids that
//   AUTOINCREMENT had handed out to rows already pruned are kept out of reach by a finished marker row at the old
//   high-water mark (only when such ids exist; the prune removes it once a newer row exists).
// - outbox_due and outbox_pending go: outbox_due_by_priority answers "when is the next head due" (one seek per
//   priority) and, with created_at in it, the pending depth and oldest age; the end of an outage (markReachable, once
//   per outage) walks the target's pending entries in it. Left are the two indexes an enqueue must write (due by
//   priority; open by key, for the order of a picking's events) and two that only later states enter.
// The outbox rebuild drops the old table, which under foreign_keys sets dead_letters.event_id to NULL: the links are
// kept aside and put back.
const packingCommitPages = `
CREATE TABLE parcels_v10 (
  picking_id   INTEGER NOT NULL,
  parcel_index INTEGER NOT NULL CHECK (parcel_index > 0),
  parcel       TEXT    NOT NULL, -- JSON, ParcelSchema
  weight_g     REAL    NOT NULL,
  packed_at    INTEGER NOT NULL,
  PRIMARY KEY (picking_id, parcel_index)
) STRICT, WITHOUT ROWID;
INSERT INTO parcels_v10 (picking_id, parcel_index, parcel, weight_g, packed_at)
  SELECT picking_id, parcel_index, parcel, weight_g, packed_at FROM parcels;
DROP TABLE parcels;
ALTER TABLE parcels_v10 RENAME TO parcels;

CREATE TABLE outbox_v10 (
  id                INTEGER PRIMARY KEY,
  target            TEXT    NOT NULL,
  order_key         TEXT    NOT NULL,
  type              TEXT    NOT NULL,
  payload           TEXT    NOT NULL, -- JSON, OutboxPayloadSchema
  state             TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead', 'discarded')),
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER NOT NULL,
  last_error        TEXT,
  created_at        INTEGER NOT NULL,
  done_at           INTEGER,
  answered_failures INTEGER NOT NULL DEFAULT 0,
  priority          INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO outbox_v10 (id, target, order_key, type, payload, state, attempts, next_attempt_at, last_error, created_at, done_at, answered_failures, priority)
  SELECT id, target, order_key, type, payload, state, attempts, next_attempt_at, last_error, created_at, done_at, answered_failures, priority FROM outbox;
INSERT INTO outbox_v10 (id, target, order_key, type, payload, state, next_attempt_at, created_at, done_at)
  SELECT seq, 'local', 'outbox:high-water', 'outbox.high-water', '{}', 'done', 0, 0, 0 FROM sqlite_sequence
  WHERE name = 'outbox' AND seq > (SELECT COALESCE(MAX(id), 0) FROM outbox);
CREATE TEMP TABLE dead_letter_events_v10 AS SELECT id, event_id FROM dead_letters WHERE event_id IS NOT NULL;
DROP TABLE outbox;
ALTER TABLE outbox_v10 RENAME TO outbox;
-- A link that already pointed at no event was not touched by the drop, and put back it would fail the foreign key.
UPDATE dead_letters SET event_id = (SELECT e.event_id FROM temp.dead_letter_events_v10 e WHERE e.id = dead_letters.id)
  WHERE id IN (SELECT e.id FROM temp.dead_letter_events_v10 e JOIN outbox o ON o.id = e.event_id);
DROP TABLE temp.dead_letter_events_v10;

CREATE INDEX outbox_open_by_key ON outbox(target, order_key, id) WHERE state IN ('pending', 'dead');
CREATE INDEX outbox_due_by_priority ON outbox(target, priority DESC, next_attempt_at, id, created_at) WHERE state = 'pending';
CREATE INDEX outbox_failing ON outbox(target) WHERE state = 'pending' AND last_error IS NOT NULL;
CREATE INDEX outbox_done_at ON outbox(done_at) WHERE state IN ('done', 'discarded');
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'print-queue', sql: printQueue },
  { version: 3, name: 'reachability', sql: reachability },
  { version: 4, name: 'picking-prefetch', sql: pickingPrefetch },
  { version: 5, name: 'dead-letter-audit', sql: deadLetterAudit },
  { version: 6, name: 'outbox-due-index', sql: outboxDueIndex },
  { version: 7, name: 'answered-failures', sql: answeredFailures },
  { version: 8, name: 'outbox-priority', sql: outboxPriority },
  { version: 9, name: 'picking-basis', sql: pickingBasis },
  { version: 10, name: 'packing-commit-pages', sql: packingCommitPages },
  { version: 11, name: 'carrier-desk', sql: carrierDesk },
  ...HUB_LINK_MIGRATIONS,
  ...BENCH_MIGRATIONS,
];

export const latestVersion = (migrations: readonly Migration[] = MIGRATIONS): number => migrations.reduce((max, m) => Math.max(max, m.version), 0);
