import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintJob } from '../../../../app/domain';
import { StationError } from '../../../../app/domain/errors';
import { instructionFor } from '../../../../app/printing/printer-instructions';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import type { StationDb } from '../../../../sync/db/station-db';
import { StationPrintSpooler } from '../../../../sync/print/print-spooler';
import { FakeClock } from '../../../support/fake-clock';
import { FakeLabelPrinter, FakeSlipPrinter, label, sequentialIds, tempDb } from './print-fixtures';

const POLL = 1000;

/** Lets every promise chain the worker started run to its end (macrotask hops, no wall-clock waiting). */
const drain = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('StationPrintSpooler (fake printers, fake clock, real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDb>;
  let db: StationDb;
  let clock: FakeClock;
  let printer: FakeLabelPrinter;
  let slip: FakeSlipPrinter;
  let spooler: StationPrintSpooler;
  let events: PrintJob[];

  const make = (withSlip = true): StationPrintSpooler => {
    const s = new StationPrintSpooler({
      db,
      clock,
      ids: sequentialIds(`run${Math.random().toString(36).slice(2, 6)}`),
      printers: withSlip ? { label: printer, slip } : { label: printer },
      policy: { statusPollMs: POLL, maxAutoAttempts: 3, confirmTimeoutMs: 10_000, proofSettleMs: 2_000 },
    });
    s.onJob((job) => events.push(job));
    return s;
  };

  /** Moves fake time in poll-sized steps, letting the worker's I/O settle after each. */
  const advance = async (ms: number): Promise<void> => {
    for (let left = ms; left > 0; left -= POLL) {
      clock.advance(Math.min(POLL, left));
      await drain();
    }
  };

  beforeEach(async () => {
    tmp = tempDb();
    db = openStationDb(tmp.file);
    clock = new FakeClock();
    printer = new FakeLabelPrinter();
    slip = new FakeSlipPrinter();
    events = [];
    spooler = make();
    await spooler.start();
  });

  afterEach(async () => {
    await spooler.stop();
    expect(clock.pending).toBe(0);
    closeStationDb(db);
    tmp.cleanup();
  });

  it('prints queued jobs once each, in creation order, and confirms them on the counter', async () => {
    const a = spooler.submit(label(1));
    const b = spooler.submit(label(2));
    await drain();
    expect(printer.printed).toEqual([label(1).data, label(2).data]);
    expect(spooler.job(a)?.state).toBe('confirmed');
    expect(spooler.job(b)?.state).toBe('confirmed');
    expect(events.filter((e) => e.id === a).map((e) => e.state)).toEqual(['queued', 'sending', 'sent', 'confirmed']);
    expect(db.prepare(`SELECT label_count_before AS n FROM print_jobs WHERE id = ?`).get(a)).toEqual({ n: 100 });
  });

  it('a fault before the job keeps it queued with the instruction, and it prints by itself when cleared', async () => {
    printer.fault = 'paper_out';
    const a = spooler.submit(label(1));
    await drain();
    expect(spooler.job(a)).toMatchObject({ state: 'queued', attempts: 0, detail: instructionFor('paper_out'), heldBy: ['paper_out'] });
    await advance(3 * POLL);
    expect(printer.sends).toEqual([]);
    printer.fault = null;
    await advance(POLL);
    expect(spooler.job(a)).toMatchObject({ state: 'confirmed', attempts: 0, detail: null, heldBy: null });
    expect(printer.printed).toHaveLength(1);
  });

  it('an unreachable printer before the job: queued with the instruction, then printed', async () => {
    printer.reachable = false;
    const a = spooler.submit(label(1));
    await advance(2 * POLL);
    expect(spooler.job(a)).toMatchObject({ state: 'queued', detail: instructionFor('unreachable'), heldBy: ['unreachable'] });
    printer.reachable = true;
    await advance(POLL);
    expect(spooler.job(a)).toMatchObject({ state: 'confirmed', heldBy: null });
    expect(printer.printed).toHaveLength(1);
  });

  it('a reset after the label printed is confirmed by the counter, never resent', async () => {
    printer.next('reset-printed');
    const a = spooler.submit(label(1));
    await advance(5 * POLL);
    expect(spooler.job(a)?.state).toBe('confirmed');
    expect(printer.sends).toHaveLength(1);
  });

  it('a reset before anything printed is resent exactly once, after the proof held for proofSettleMs', async () => {
    printer.next('reset');
    const a = spooler.submit(label(1));
    await drain();
    expect(spooler.job(a)).toMatchObject({ state: 'sending' });
    await advance(POLL);
    expect(printer.sends).toHaveLength(1);
    await advance(2 * POLL);
    expect(spooler.job(a)).toMatchObject({ state: 'confirmed', attempts: 1 });
    expect(printer.sends).toHaveLength(2);
    expect(printer.printed).toHaveLength(1);
    expect(events.filter((e) => e.id === a).map((e) => e.state)).toContain('queued');
  });

  it('a reset the printer cannot account for is uncertain; the operator answers, and it is audited', async () => {
    printer.counts = false;
    printer.next('reset', 'reset-printed');
    const a = spooler.submit(label(1));
    const b = spooler.submit(label(2));
    await advance(5 * POLL);
    expect(spooler.job(a)?.state).toBe('uncertain');
    expect(spooler.job(b)?.state).toBe('uncertain');
    spooler.resolveUncertain(a, false, 'ann', 'nothing came out');
    spooler.resolveUncertain(b, true, 'ann', 'label is on the parcel');
    await drain();
    expect(spooler.job(a)?.state).toBe('confirmed');
    expect(spooler.job(b)?.state).toBe('confirmed');
    expect(printer.printed).toEqual([label(2).data, label(1).data]);
    expect(spooler.audit().map((e) => [e.jobId, e.action, e.who])).toEqual([
      [a, 'confirm-not-printed', 'ann'],
      [b, 'confirm-printed', 'ann'],
    ]);
    expect(() => spooler.resolveUncertain(a, true, 'ann', 'again')).toThrow(StationError);
  });

  it('refused connections back off, fail after maxAutoAttempts, and a retry is not audited as a reprint', async () => {
    printer.next('refused', 'refused', 'refused');
    const a = spooler.submit(label(1));
    await drain();
    expect(spooler.job(a)).toMatchObject({ state: 'queued', attempts: 1 });
    await advance(POLL);
    expect(spooler.job(a)).toMatchObject({ state: 'queued', attempts: 2 });
    await advance(2 * POLL);
    expect(spooler.job(a)).toMatchObject({ state: 'failed', attempts: 3, detail: expect.stringContaining('Gave up') });
    spooler.retry(a, 'ann');
    await drain();
    expect(spooler.job(a)?.state).toBe('confirmed');
    expect(printer.printed).toHaveLength(1);
    expect(spooler.audit(a)).toEqual([]);
  });

  it('a fault right after the bytes keeps the job sent with the instruction; confirmed once it clears', async () => {
    printer.afterBytes = () => {
      printer.fault = 'head_open';
      printer.afterBytes = null;
    };
    const a = spooler.submit(label(1));
    await advance(3 * POLL);
    expect(spooler.job(a)).toMatchObject({ state: 'sent', detail: instructionFor('head_open'), heldBy: ['head_open'] });
    printer.fault = null;
    await advance(POLL);
    expect(spooler.job(a)).toMatchObject({ state: 'confirmed', heldBy: null });
    expect(printer.sends).toHaveLength(1);
  });

  it('reprint is explicit, audited and a new job; a job still in the queue cannot be reprinted', async () => {
    printer.fault = 'paused';
    const a = spooler.submit(label(1));
    await drain();
    expect(() => spooler.reprint(a, 'bob', 'torn')).toThrow(/still queued/);
    printer.fault = null;
    await advance(POLL);
    const r = spooler.reprint(a, 'bob', 'torn label');
    await drain();
    expect(spooler.job(r)).toMatchObject({ reprintOf: a, state: 'confirmed' });
    expect(spooler.audit(r)).toMatchObject([{ action: 'reprint', who: 'bob', reason: 'torn label' }]);
    expect(printer.printed).toHaveLength(2);
    expect(() => spooler.reprint('nope', 'bob', 'x')).toThrow(StationError);
  });

  it('slip jobs: written is confirmed when the printer cannot report; a reset is uncertain', async () => {
    const s1 = spooler.submit({ kind: 'packing-slip', target: 'slip', pickingId: 12, parcelIndex: null, data: Buffer.from('slip 1\n').toString('base64') });
    await drain();
    expect(spooler.job(s1)?.state).toBe('confirmed');
    expect(Buffer.from(slip.received[0] ?? []).toString()).toBe('slip 1\n');
    slip.failNext = 'reset';
    const s2 = spooler.submit({ kind: 'packing-slip', target: 'slip', pickingId: 12, parcelIndex: null, data: Buffer.from('slip 2\n').toString('base64') });
    await drain();
    expect(spooler.job(s2)?.state).toBe('uncertain');
    expect(() => spooler.submit({ kind: 'packing-slip', target: 'slip', pickingId: 1, parcelIndex: null, data: 'not base64!' })).toThrow(StationError);
  });

  it('without a slip printer, slip jobs wait visibly and label jobs are not held up', async () => {
    await spooler.stop();
    spooler = make(false);
    await spooler.start();
    const s = spooler.submit({ kind: 'packing-slip', target: 'slip', pickingId: 1, parcelIndex: null, data: 'AAAA' });
    const a = spooler.submit(label(1));
    await drain();
    // Waiting on the configuration, not on a printer fault: nothing to fix at a printer.
    expect(spooler.job(s)).toMatchObject({ state: 'queued', detail: expect.stringContaining('No slip printer'), heldBy: null });
    expect(spooler.job(a)?.state).toBe('confirmed');
  });

  it('restart: a row left "sending" is settled by the counter, a queued one prints once', async () => {
    await spooler.stop();
    const now = clock.now();
    const insert = db.prepare(
      `INSERT INTO print_jobs (id, kind, target, data, state, attempts, label_count_before, created_at, updated_at)
       VALUES (?, 'shipping-label', 'label', ?, ?, 0, ?, ?, ?)`,
    );
    insert.run('old-printed', label(1).data, 'sending', 99, now, now); // counter is 100: it came out
    insert.run('old-lost', label(2).data, 'sending', 100, now + 1, now); // counter unchanged: it did not
    insert.run('old-queued', label(3).data, 'queued', null, now + 2, now);
    spooler = make();
    await spooler.start();
    await advance(4 * POLL);
    expect(spooler.job('old-printed')?.state).toBe('confirmed');
    expect(spooler.job('old-lost')).toMatchObject({ state: 'confirmed', attempts: 1 });
    expect(spooler.job('old-queued')?.state).toBe('confirmed');
    expect(printer.printed).toEqual([label(2).data, label(3).data]);
  });

  it('stop() leaves no timer behind while a job waits on a fault', async () => {
    printer.fault = 'paper_out';
    spooler.submit(label(1));
    await drain();
    expect(clock.pending).toBeGreaterThan(0);
    await spooler.stop();
    expect(clock.pending).toBe(0);
  });
});
