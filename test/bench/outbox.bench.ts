/**
 * Outbox numbers for `npm run bench`:
 * - enqueue: the packing flow's own write (a parcel row and its outbox event in one IMMEDIATE transaction, through
 *   the ledger) against raw better-sqlite3 single-row inserts, each in its own transaction, with the same pragmas on
 *   the same file system (WAL, synchronous=FULL), in alternating slices (see measureEnqueue): the ratio says what
 *   the ledger's bookkeeping costs; with the WAL pages each side writes per commit, which is what that cost follows;
 * - the sync engine's own cost per event with 1,000 and with 10,000 events pending (a deliverer that answers at
 *   once, so only the engine and SQLite are measured; done-marks are group-committed, at most one group per
 *   `concurrency` deliveries): flat means the cost does not grow with the backlog.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStationDb, openStationDb, type StationDb } from '../../sync/db/station-db';
import { SyncEngine, type SyncEngineOptions } from '../../sync/engine/sync.engine';
import { OutboxStore } from '../../sync/outbox/outbox.store';
import { SqliteLedger } from '../../sync/outbox/sqlite-ledger';
import { systemClock } from '../../main/system-clock';

function openBenchDb(): { db: StationDb; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-bench-'));
  const db = openStationDb(join(dir, 'station.db'));
  return {
    db,
    close: () => {
      closeStationDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const parcel = (pickingId: number, index: number) => ({
  pickingId,
  index,
  items: [{ moveId: pickingId * 10, productId: 7, quantity: 1 }],
  packageTypeId: null,
  weightG: 512,
});

export interface EnqueueResult {
  ledgerPerSecond: number;
  rawPerSecond: number;
  /** WAL pages (frames) one commit writes, over the last `PAGE_SAMPLE` writes of each side. */
  ledgerPagesPerCommit: number;
  rawPagesPerCommit: number;
}

const PAGE_SAMPLE = 200;

/**
 * WAL frames per commit of `write`, counted on the WAL file itself: emptied first, and not checkpointed while the
 * sample runs (each frame is one page plus a 24-byte header after the file's 32-byte header). Runs after the timed
 * slices, so the checkpoint setting changed here never touches a timed write.
 */
function walPagesPerCommit(db: StationDb, write: (i: number) => void, from: number): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true });
  db.pragma('wal_autocheckpoint = 0');
  try {
    for (let i = from; i < from + PAGE_SAMPLE; i += 1) write(i);
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    return (statSync(`${db.name}-wal`).size - 32) / (pageSize + 24) / PAGE_SAMPLE;
  } finally {
    db.pragma(`wal_autocheckpoint = ${Number(autocheckpoint)}`);
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

/**
 * `count` writes per side, in `rounds` alternating slices (ledger, raw, ledger, …), each side on a database file of its
 * own in the same temp folder; each side's rate is the median of its slices. An fsync costs what the disk and the
 * neighbours' load make it cost at that moment: run one side after the other and a load spike on one side alone
 * decides the ratio (0.24 to 1.09 in back-to-back runs on the shared 2-core box).
 */
export function measureEnqueue(count: number, rounds = 9): EnqueueResult {
  const ledgerSide = openBenchDb();
  const rawSide = openBenchDb();
  try {
    const ledger = new SqliteLedger(ledgerSide.db, systemClock, new OutboxStore(ledgerSide.db, systemClock));
    rawSide.db.exec('CREATE TABLE raw (id INTEGER PRIMARY KEY, order_key TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT');
    const insert = rawSide.db.prepare('INSERT INTO raw (order_key, payload, created_at) VALUES (?, ?, ?)');
    const one = rawSide.db.transaction((i: number) => insert.run(`picking:${i}`, JSON.stringify(parcel(i, 1)), Date.now()));
    const slice = Math.max(1, Math.floor(count / rounds));
    const ledgerRates: number[] = [];
    const rawRates: number[] = [];
    const ledgerWrite = (i: number) => ledger.recordParcelPacked(parcel(i, 1));
    const rawWrite = (i: number) => one.immediate(i);
    const rate = (run: (i: number) => void, from: number): number => {
      const t0 = performance.now();
      for (let i = from; i < from + slice; i += 1) run(i);
      return (slice / (performance.now() - t0)) * 1000;
    };
    for (let r = 0; r < rounds; r += 1) {
      ledgerRates.push(rate(ledgerWrite, 1 + r * slice));
      rawRates.push(rate(rawWrite, 1 + r * slice));
    }
    const after = 1 + rounds * slice;
    return {
      ledgerPerSecond: median(ledgerRates),
      rawPerSecond: median(rawRates),
      ledgerPagesPerCommit: walPagesPerCommit(ledgerSide.db, ledgerWrite, after),
      rawPagesPerCommit: walPagesPerCommit(rawSide.db, rawWrite, after),
    };
  } finally {
    ledgerSide.close();
    rawSide.close();
  }
}

/**
 * µs of engine + SQLite per delivered event over `sample` deliveries from `store`'s backlog, the deliverer answering
 * at once (what the engine itself costs); `options` as the station sets them (e.g. pickings in flight).
 */
export async function engineCostPerEvent(store: OutboxStore, sample: number, options: Partial<SyncEngineOptions>): Promise<number> {
  let delivered = 0;
  let t0 = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const engine = new SyncEngine({
    store,
    deliverers: {
      odoo: async () => {
        delivered += 1;
        if (delivered === 1) t0 = performance.now();
        if (delivered === sample + 1) done();
      },
    },
    clock: systemClock,
    policy: { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 12 },
    idleMs: 5,
    ...options,
  });
  await engine.start();
  await finished;
  const us = ((performance.now() - t0) / sample) * 1000;
  await engine.stop();
  return us;
}

/** Microseconds of engine + SQLite per delivered event while `pending` events wait (5 per picking). */
export async function measureDrain(pending: number, sample: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-drain-'));
  const db = openStationDb(join(dir, 'station.db'));
  try {
    const store = new OutboxStore(db, systemClock);
    db.transaction(() => {
      for (let i = 0; i < pending; i += 1) store.enqueue('odoo', `picking:${Math.floor(i / 5)}`, { type: 'picking.validate', pickingId: Math.floor(i / 5) });
    })();
    return await engineCostPerEvent(store, sample, {});
  } finally {
    closeStationDb(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('outbox.bench.ts')) {
  const e = measureEnqueue(2000);
  const pages = (n: number) => `${n.toFixed(1)} WAL pages/commit`;
  console.log(
    `enqueue: ledger ${Math.round(e.ledgerPerSecond)}/s (${pages(e.ledgerPagesPerCommit)}), raw ${Math.round(e.rawPerSecond)}/s (${pages(e.rawPagesPerCommit)}), ratio ${(e.ledgerPerSecond / e.rawPerSecond).toFixed(2)}`,
  );
  for (const n of [1000, 10000]) console.log(`drain with ${n} pending: ${(await measureDrain(n, 500)).toFixed(0)} µs per event`);
}
