/** A station database on a temp file (real migrations) with the ledger's stores over it, for one test. */
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../../sync/outbox/picking-cache.store';
import { SqliteLedger } from '../../../../sync/outbox/sqlite-ledger';
import { FakeClock } from '../../../support/fake-clock';
import { tempDir } from './outbox-fixtures';

export function ledgerWorld(clock = new FakeClock()) {
  const tmp = tempDir();
  const db = openStationDb(tmp.file());
  const outbox = new OutboxStore(db, clock);
  return {
    tmp,
    db,
    clock,
    outbox,
    ledger: new SqliteLedger(db, clock, outbox),
    cache: new SqlitePickingCache(db, clock, outbox),
    /** Closes the database and removes the folder: call it after each test. */
    close(): void {
      closeStationDb(db);
      tmp.cleanup();
    },
  };
}

export type LedgerWorld = ReturnType<typeof ledgerWorld>;
