/**
 * Migrations of the station's hub link: kept apart from `migrations.ts` so that file stays readable. Same rules:
 * never edit one that shipped; append.
 */
import type { Migration } from './migrations';

const hubLink = `
-- A supervisor's pause through the hub (station.pause): one row while the station is paused, none otherwise. Kept here
-- so that a restart does not resume a station someone stopped on purpose.
CREATE TABLE station_pause (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  paused_by TEXT    NOT NULL CHECK (length(paused_by) > 0),
  reason    TEXT    NOT NULL,
  paused_at INTEGER NOT NULL
) STRICT;
`;

/**
 * A supervisor's decision on a dead letter may come through the hub: the audit says so (via 'hub'). SQLite cannot
 * alter a CHECK constraint, so the audit table is rebuilt with its rows and ids as they were.
 */
const deadLetterAuditViaHub = `
CREATE TABLE dead_letter_audit_v13 (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  dead_letter_id INTEGER NOT NULL REFERENCES dead_letters(id),
  action         TEXT    NOT NULL CHECK (action IN ('replay', 'replay-all', 'discard')),
  who            TEXT    NOT NULL CHECK (length(who) > 0),
  reason         TEXT    NOT NULL,
  via            TEXT    NOT NULL CHECK (via IN ('ui', 'cli', 'station', 'hub')),
  at             INTEGER NOT NULL
) STRICT;
INSERT INTO dead_letter_audit_v13 (id, dead_letter_id, action, who, reason, via, at)
  SELECT id, dead_letter_id, action, who, reason, via, at FROM dead_letter_audit;
DROP TABLE dead_letter_audit;
ALTER TABLE dead_letter_audit_v13 RENAME TO dead_letter_audit;
CREATE INDEX dead_letter_audit_by_letter ON dead_letter_audit(dead_letter_id, id);
`;

export const HUB_LINK_MIGRATIONS: readonly Migration[] = [
  { version: 12, name: 'hub-link', sql: hubLink },
  { version: 13, name: 'dead-letter-audit-via-hub', sql: deadLetterAuditViaHub },
];
