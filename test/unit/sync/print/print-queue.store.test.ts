import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import { closeStationDb, openStationDb } from '../../../../sync/db/station-db';
import type { StationDb } from '../../../../sync/db/station-db';
import { PrintQueueStore } from '../../../../sync/print/print-queue.store';
import type { BadPrintRow } from '../../../../sync/print/print-queue.store';
import { FakeClock } from '../../../support/fake-clock';
import { label, tempDb } from './print-fixtures';

describe('PrintQueueStore (real SQLite file, real migrations)', () => {
  let tmp: ReturnType<typeof tempDb>;
  let db: StationDb;
  let clock: FakeClock;
  let bad: BadPrintRow[];
  let store: PrintQueueStore;

  beforeEach(() => {
    tmp = tempDb();
    db = openStationDb(tmp.file);
    clock = new FakeClock();
    bad = [];
    store = new PrintQueueStore(db, clock, (row) => bad.push(row));
  });

  afterEach(() => {
    closeStationDb(db);
    tmp.cleanup();
  });

  it('inserts a queued job and reads it back parsed', () => {
    const job = store.insert('a', label(1));
    expect(job).toMatchObject({ id: 'a', state: 'queued', attempts: 0, target: 'label', parcelIndex: 1, detail: null, heldBy: null, reprintOf: null });
    expect(job).toMatchObject({ labelCountBefore: null, bytesOut: false, sentAt: null, confirmedAt: null, createdAt: clock.now() });
    expect(store.get('a')).toEqual(job);
    expect(store.get('missing')).toBeNull();
  });

  it('rejects an invalid request without writing', () => {
    expect(() => store.insert('a', { ...label(1), data: '' })).toThrow(StationError);
    expect(store.list()).toEqual([]);
  });

  it('moves a job only from the expected state', () => {
    store.insert('a', label(1));
    clock.advance(5);
    const sending = store.transition('a', 'queued', { state: 'sending', labelCountBefore: 41, detail: null });
    expect(sending).toMatchObject({ state: 'sending', labelCountBefore: 41, updatedAt: clock.now() });
    expect(store.transition('a', 'queued', { state: 'sending' })).toBeNull();
    expect(store.transition('a', ['queued', 'sent'], { state: 'confirmed' })).toBeNull();
    const sent = store.transition('a', 'sending', { state: 'sent', bytesOut: true, sentAt: 7 });
    expect(sent).toMatchObject({ state: 'sent', bytesOut: true, sentAt: 7, labelCountBefore: 41 });
    expect(store.transition('missing', 'queued', { state: 'sending' })).toBeNull();
  });

  it('stores the faults holding a job with the change, and clears them when a change does not name any', () => {
    store.insert('a', label(1));
    const held = store.transition('a', 'queued', { state: 'queued', detail: 'Paper out', heldBy: ['paper_out', 'head_open'] });
    expect(held).toMatchObject({ detail: 'Paper out', heldBy: ['paper_out', 'head_open'] });
    expect(store.get('a')?.heldBy).toEqual(['paper_out', 'head_open']);
    expect(store.transition('a', 'queued', { state: 'queued', heldBy: [] })?.heldBy).toEqual([]);
    expect(store.transition('a', 'queued', { state: 'sending', detail: null })?.heldBy).toBeNull();
    expect(db.prepare(`SELECT held_by FROM print_jobs WHERE id = 'a'`).get()).toEqual({ held_by: null });
  });

  it.each([['not json', '{oops'], ['not a list', '"paper_out"'], ['an unknown fault', '["toner_low"]']])(
    'reports a row whose held_by is %s',
    (_name, text) => {
      store.insert('a', label(1));
      db.prepare(`UPDATE print_jobs SET held_by = ? WHERE id = 'a'`).run(text);
      expect(store.get('a')).toBeNull();
      expect(bad).toEqual([expect.objectContaining({ id: 'a' })]);
    },
  );

  it('writes the audit row in the same transaction as the change, and not at all when the change is refused', () => {
    store.insert('a', label(1));
    store.transition('a', 'queued', { state: 'uncertain' });
    expect(store.transition('a', 'queued', { state: 'confirmed' }, { action: 'confirm-printed', who: 'ann', reason: 'saw it' })).toBeNull();
    expect(store.audit('a')).toEqual([]);
    store.transition('a', 'uncertain', { state: 'confirmed' }, { action: 'confirm-printed', who: 'ann', reason: 'saw it' });
    expect(store.audit('a')).toEqual([{ id: 1, jobId: 'a', action: 'confirm-printed', who: 'ann', reason: 'saw it', at: clock.now() }]);
  });

  it('rolls the change back when its audit row is invalid', () => {
    store.insert('a', label(1));
    store.transition('a', 'queued', { state: 'uncertain' });
    expect(() => store.transition('a', 'uncertain', { state: 'queued' }, { action: 'confirm-not-printed', who: ' ', reason: 'x' })).toThrow();
    expect(store.get('a')?.state).toBe('uncertain');
  });

  it('a reprint is a new job with its audit row', () => {
    store.insert('a', label(1));
    const b = store.insert('b', label(1), { reprintOf: 'a', audit: { action: 'reprint', who: 'bob', reason: 'torn label' } });
    expect(b).toMatchObject({ reprintOf: 'a', state: 'queued' });
    expect(store.audit()).toMatchObject([{ jobId: 'b', action: 'reprint', who: 'bob', reason: 'torn label' }]);
  });

  it('head: a job whose bytes may be out comes before any queued one, then creation order, per printer', () => {
    store.insert('a', label(1));
    clock.advance(1);
    store.insert('b', label(2));
    clock.advance(1);
    store.insert('s', { ...label(3), target: 'slip', kind: 'packing-slip', data: 'G0A=' });
    expect(store.head('label')?.id).toBe('a');
    store.transition('b', 'queued', { state: 'sending' });
    expect(store.head('label')?.id).toBe('b');
    store.transition('b', 'sending', { state: 'confirmed' });
    expect(store.head('label')?.id).toBe('a');
    expect(store.head('slip')?.id).toBe('s');
    store.transition('a', 'queued', { state: 'failed' });
    expect(store.head('label')).toBeNull();
  });

  it('lists in creation order, filters by state and target, and a limit keeps the most recent', () => {
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) {
      store.insert(id, label(i + 1));
      clock.advance(1);
    }
    store.transition('b', 'queued', { state: 'failed' });
    expect(store.list().map((j) => j.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.list({ limit: 2 }).map((j) => j.id)).toEqual(['c', 'd']);
    expect(store.list({ states: ['queued'] }).map((j) => j.id)).toEqual(['a', 'c', 'd']);
    expect(store.list({ states: [] })).toEqual([]);
    expect(store.list({ target: 'slip' })).toEqual([]);
    expect(store.openJobs('label').map((j) => j.id)).toEqual(['a', 'c', 'd']);
  });

  it('reports a row that cannot be parsed, skips it, and never deletes it', () => {
    store.insert('a', label(1));
    clock.advance(1);
    store.insert('b', label(2));
    db.prepare(`UPDATE print_jobs SET kind = 'mystery-label' WHERE id = 'a'`).run();
    expect(store.head('label')?.id).toBe('b');
    expect(store.get('a')).toBeNull();
    expect(store.list().map((j) => j.id)).toEqual(['b']);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ id: 'a' });
    expect(store.badRows()).toHaveLength(1);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM print_jobs`).get()).toEqual({ n: 2 });
  });

  it('survives closing and reopening the database file', () => {
    store.insert('a', label(1));
    store.transition('a', 'queued', { state: 'sending', labelCountBefore: 9 });
    closeStationDb(db);
    db = openStationDb(tmp.file);
    const again = new PrintQueueStore(db, clock);
    expect(again.head('label')).toMatchObject({ id: 'a', state: 'sending', labelCountBefore: 9 });
  });

  it('the schema refuses states outside the lifecycle', () => {
    store.insert('a', label(1));
    expect(() => db.prepare(`UPDATE print_jobs SET state = 'printed' WHERE id = 'a'`).run()).toThrow();
  });
});
