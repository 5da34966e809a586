/**
 * The /metrics counts come from the stores that own the tables (DeadLetterStore, PrintQueueStore), on a real SQLite
 * file: the same numbers, and the same exposition text, as the GROUP BY queries the metrics ran on their own before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxPayload } from '../../../app/domain/outbox-event.schema';
import { ledgerCounts } from '../../../main/metrics/ledger-counts.query';
import { createStationMetrics, type StationMetricSources } from '../../../main/metrics/station-metrics';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { DeadLetterStore } from '../../../sync/outbox/dead-letters.store';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { PrintQueueStore } from '../../../sync/print/print-queue.store';
import { FakeClock } from '../../support/fake-clock';
import { tempDir } from '../sync/outbox/outbox-fixtures';
import { label } from '../sync/print/print-fixtures';

const validate = (pickingId: number): OutboxPayload => ({ type: 'picking.validate', pickingId });

/** What the metrics counted with their own SQL before the stores answered. */
function countsAsBefore(db: StationDb, text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of db.prepare(text).all() as { key: string; n: number }[]) out[row.key] = row.n;
  return out;
}

describe('ledger counts for /metrics', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: StationDb;
  let clock: FakeClock;

  beforeEach(() => {
    tmp = tempDir();
    db = openStationDb(tmp.file());
    clock = new FakeClock();
    const outbox = new OutboxStore(db, clock);
    const dead = (target: 'odoo' | 'carrier', pickingId: number) => outbox.markDead(outbox.enqueue(target, `picking:${pickingId}`, validate(pickingId)), 'REJECTED: no')!;
    dead('odoo', 1);
    dead('odoo', 2);
    dead('carrier', 3);
    new DeadLetterStore(db, clock).discard(dead('odoo', 4), { who: 'Ana', reason: 'cancelled in Odoo', via: 'ui' });
    outbox.addDeadLetter({ target: 'local', orderKey: 'shipment:S1', reason: 'unparseable stored shipment', raw: '{' });
    const jobs = new PrintQueueStore(db, clock);
    for (let n = 1; n <= 4; n++) jobs.insert(`job-${n}`, label(n));
    jobs.transition('job-1', 'queued', { state: 'sending' });
    jobs.transition('job-1', 'sending', { state: 'sent', bytesOut: true, sentAt: clock.now() });
    jobs.transition('job-1', 'sent', { state: 'confirmed', confirmedAt: clock.now() });
    jobs.transition('job-2', 'queued', { state: 'cancelled' });
  });
  afterEach(() => {
    closeStationDb(db);
    tmp.cleanup();
  });

  it('the stores count open dead letters per target and print jobs per state', () => {
    expect(new DeadLetterStore(db, clock).openCountsByTarget()).toEqual({ odoo: 2, carrier: 1, local: 1 });
    expect(new PrintQueueStore(db, clock).countsByState()).toEqual({ queued: 2, confirmed: 1, cancelled: 1 });
    const counts = ledgerCounts(db, clock);
    expect(counts.openDeadLetters()).toEqual(countsAsBefore(db, `SELECT target AS key, COUNT(*) AS n FROM dead_letters WHERE resolved_at IS NULL GROUP BY target`));
    expect(counts.printJobsByState()).toEqual(countsAsBefore(db, `SELECT state AS key, COUNT(*) AS n FROM print_jobs GROUP BY state`));
  });

  it('/metrics reads the same as with the queries the metrics ran themselves', async () => {
    const outbox = () => new OutboxStore(db, clock).status(clock.now()).sync;
    const before: StationMetricSources = {
      outbox,
      openDeadLetters: () => countsAsBefore(db, `SELECT target AS key, COUNT(*) AS n FROM dead_letters WHERE resolved_at IS NULL GROUP BY target`),
      printJobsByState: () => countsAsBefore(db, `SELECT state AS key, COUNT(*) AS n FROM print_jobs GROUP BY state`),
    };
    const now = { ...ledgerCounts(db, clock), outbox };
    const body = async (sources: StationMetricSources) => (await createStationMetrics({ stationId: 'pack-03', sources }).scrape()).body;
    const text = await body(now);
    expect(text).toBe(await body(before));
    expect(text).toContain('station_dead_letters_open{target="odoo",station="pack-03"} 2');
    expect(text).toContain('station_dead_letters_open{target="local",station="pack-03"} 1');
    expect(text).toContain('station_print_jobs{state="queued",station="pack-03"} 2');
    expect(text).toContain('station_print_jobs{state="sending",station="pack-03"} 0');
  });
});
