/** The sync engine's unit tests: a real SQLite outbox on a fake clock, fresh for each test, engines stopped after it. */
import { afterEach, beforeEach, vi } from 'vitest';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import type { StationDb } from '../../../../sync/db/station-db';
import type { SyncEngine } from '../../../../sync/engine/sync.engine';
import { OutboxStore } from '../../../../sync/outbox/outbox.store';
import { FakeClock } from '../../../support/fake-clock';
import { tempDir } from '../outbox/outbox-fixtures';

export interface EngineWorld {
  db: StationDb;
  clock: FakeClock;
  store: OutboxStore;
  /** Stopped after the test. */
  engines: SyncEngine[];
}

/** Call inside a describe: the returned object is refilled before each test. */
export function engineWorld(): EngineWorld {
  const world = { engines: [] } as unknown as EngineWorld;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    world.db = openStationDb(tmp.file());
    world.clock = new FakeClock();
    world.store = new OutboxStore(world.db, world.clock);
    vi.clearAllMocks();
  });
  afterEach(async () => {
    for (const engine of world.engines.splice(0)) await engine.stop();
    // A test may have closed it (a storage failure).
    if (world.db.open) closeStationDb(world.db);
    tmp.cleanup();
  });
  return world;
}
