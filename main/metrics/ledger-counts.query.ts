import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { statementCache } from '../../sync/db/prepared';

const CountRowSchema = z.object({ key: z.string(), n: z.number().int().nonnegative() });

export interface LedgerCounts {
  /** Unresolved dead letters per target. */
  openDeadLetters(): Record<string, number>;
  /** Print jobs per state, over the whole print history the database keeps. */
  printJobsByState(): Record<string, number>;
}

/**
 * Counts for the scrape, one GROUP BY each (on the `dead_letters_open` and `print_jobs_by_state` indexes). The stores'
 * own listings parse every row and would cost one row per job ever printed on each scrape; a count is what a metric
 * needs. Read-only: the stores stay the only writers of these tables.
 */
export function ledgerCounts(db: Database): LedgerCounts {
  const sql = statementCache(db);
  const counts = (text: string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const raw of sql.prepare(text).all()) {
      const row = CountRowSchema.parse(raw);
      out[row.key] = row.n;
    }
    return out;
  };
  return {
    openDeadLetters: () => counts(`SELECT target AS key, COUNT(*) AS n FROM dead_letters WHERE resolved_at IS NULL GROUP BY target`),
    printJobsByState: () => counts(`SELECT state AS key, COUNT(*) AS n FROM print_jobs GROUP BY state`),
  };
}
