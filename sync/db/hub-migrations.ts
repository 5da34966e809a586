/**
 * Migrations of the station's hub link: kept apart from `migrations.ts` so that file stays readable. Same rules:
 * never edit one that shipped; append.
 */
export const hubLink = `
-- A supervisor's pause through the hub (station.pause): one row while the station is paused, none otherwise. Kept here
-- so that a restart does not resume a station someone stopped on purpose.
CREATE TABLE station_pause (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  paused_by TEXT    NOT NULL CHECK (length(paused_by) > 0),
  reason    TEXT    NOT NULL,
  paused_at INTEGER NOT NULL
) STRICT;
`;
