import type { Database } from 'better-sqlite3';
import type { Clock } from '../../app/ports';
import { DeadLetterStore } from '../../sync/outbox/dead-letters.store';
import { PrintQueueStore } from '../../sync/print/print-queue.store';
import { systemClock } from '../system-clock';

export interface LedgerCounts {
  /** Unresolved dead letters per target. */
  openDeadLetters(): Record<string, number>;
  /** Print jobs per state, over the whole print history the database keeps. */
  printJobsByState(): Record<string, number>;
}

/**
 * Counts for the scrape, asked of the stores that own the tables (one GROUP BY each, never a listing of every row).
 * Read-only: counting reads no clock and writes nothing, so these store instances may sit beside the station's own.
 */
export function ledgerCounts(db: Database, clock: Clock = systemClock): LedgerCounts {
  const deadLetters = new DeadLetterStore(db, clock);
  const printJobs = new PrintQueueStore(db, clock);
  return {
    openDeadLetters: () => deadLetters.openCountsByTarget(),
    printJobsByState: () => printJobs.countsByState(),
  };
}
