import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../../app/ports';
import { statementCache, type StatementCache } from '../db/prepared';

export const StationPauseSchema = z.object({ by: z.string().min(1), reason: z.string(), at: z.number() });
export type StationPause = z.infer<typeof StationPauseSchema>;

const PauseRowSchema = z.object({ paused_by: z.string(), reason: z.string(), paused_at: z.number() });

/** Whether a supervisor paused the station (through the hub), in the station database so a restart keeps it. */
export class StationPauseStore {
  private readonly sql: StatementCache;

  constructor(db: Database, private readonly clock: Clock) {
    this.sql = statementCache(db);
  }

  current(): StationPause | null {
    const row = this.sql.prepare('SELECT paused_by, reason, paused_at FROM station_pause WHERE id = 1').get();
    if (row === undefined) return null;
    const parsed = PauseRowSchema.parse(row);
    return { by: parsed.paused_by, reason: parsed.reason, at: parsed.paused_at };
  }

  /** A second pause replaces the first: the latest supervisor's reason is the one shown. */
  pause(by: string, reason: string): StationPause {
    const at = this.clock.now();
    this.sql
      .prepare('INSERT INTO station_pause (id, paused_by, reason, paused_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET paused_by = excluded.paused_by, reason = excluded.reason, paused_at = excluded.paused_at')
      .run(by, reason, at);
    return { by, reason, at };
  }

  /** Returns the pause that ended, or null when the station was not paused. */
  resume(): StationPause | null {
    const was = this.current();
    this.sql.prepare('DELETE FROM station_pause WHERE id = 1').run();
    return was;
  }
}
