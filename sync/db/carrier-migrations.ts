/**
 * Migrations of the carrier desk (issue "carrier platform in depth"): kept apart from `migrations.ts` so that file
 * stays readable. Same rules: never edit one that shipped; append.
 */
export const carrierDesk = `
-- Which platform bought each label, which carrier carries it, whether it is a return, and the manifest it went on.
ALTER TABLE shipments ADD COLUMN platform    TEXT;
ALTER TABLE shipments ADD COLUMN carrier     TEXT;
ALTER TABLE shipments ADD COLUMN is_return   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shipments ADD COLUMN manifest_id TEXT;
CREATE INDEX shipments_to_manifest ON shipments(carrier, bought_at) WHERE shipment IS NOT NULL AND manifest_id IS NULL;

-- Labels taken back: the row leaves \`shipments\` (so the parcel can get a new label) and is kept here with who voided
-- it, why, and what the platform answered. The void itself is delivered through the outbox (target 'carrier').
CREATE TABLE voided_labels (
  id            INTEGER PRIMARY KEY,
  reference     TEXT    NOT NULL,
  shipment_id   TEXT    NOT NULL,
  picking_id    INTEGER,
  parcel_index  INTEGER,
  tracking_code TEXT,
  shipment      TEXT    NOT NULL, -- JSON, ShipmentSchema
  reason        TEXT    NOT NULL,
  requested_by  TEXT    NOT NULL,
  requested_at  INTEGER NOT NULL,
  status        TEXT    NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'submitted', 'refunded', 'rejected')),
  answered_at   INTEGER,
  detail        TEXT,
  UNIQUE (shipment_id)
) STRICT;
CREATE INDEX voided_labels_by_picking ON voided_labels(picking_id);

-- End-of-day manifests: one per carrier (account) and batch of shipments; a shipment is on at most one.
CREATE TABLE manifests (
  manifest_id    TEXT    PRIMARY KEY,
  carrier        TEXT    NOT NULL,
  status         TEXT    NOT NULL CHECK (status IN ('created', 'pending', 'failed')),
  tracking_codes TEXT    NOT NULL, -- JSON array
  document_url   TEXT,
  document_path  TEXT,
  detail         TEXT,
  created_at     INTEGER NOT NULL,
  printed_at     INTEGER
) STRICT;

-- The carrier exception work queue: a parcel set aside, why, what to do, and who resolved it.
CREATE TABLE carrier_exceptions (
  id               INTEGER PRIMARY KEY,
  kind             TEXT    NOT NULL,
  picking_id       INTEGER NOT NULL,
  picking_name     TEXT    NOT NULL,
  parcel_index     INTEGER,
  detail           TEXT    NOT NULL,
  suggested_action TEXT    NOT NULL,
  state            TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
  opened_at        INTEGER NOT NULL,
  resolved_at      INTEGER,
  resolved_by      TEXT,
  resolution       TEXT
) STRICT;
-- One open exception per parcel and kind: raising it again while open refreshes it instead of piling up.
CREATE UNIQUE INDEX carrier_exceptions_open ON carrier_exceptions(picking_id, ifnull(parcel_index, 0), kind) WHERE state = 'open';
`;
