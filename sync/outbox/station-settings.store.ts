import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../../app/ports';
import { statementCache, type StatementCache } from '../db/prepared';

const SettingRowSchema = z.object({ value: z.string() });

/**
 * Settings changed at the station itself (`station_settings`, migration 14: key → JSON), which win over the config
 * file's initial values. A value that no longer parses (written by another version) reads as unset, so the config's
 * value applies again rather than the station failing to start.
 */
export class StationSettingsStore {
  private readonly sql: StatementCache;

  constructor(
    db: Database,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.sql = statementCache(db);
  }

  get<T>(key: string, schema: z.ZodType<T>): T | null {
    const row: unknown = this.sql.prepare(`SELECT value FROM station_settings WHERE key = ?`).get(key);
    if (row === undefined) return null;
    let json: unknown;
    try {
      json = JSON.parse(SettingRowSchema.parse(row).value);
    } catch {
      return null;
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed.data : null;
  }

  set(key: string, value: unknown): void {
    this.sql
      .prepare(
        `INSERT INTO station_settings (key, value, updated_at) VALUES (@key, @value, @now)
         ON CONFLICT(key) DO UPDATE SET value = @value, updated_at = @now`,
      )
      .run({ key, value: JSON.stringify(value), now: Math.floor(this.clock.now()) });
  }
}
