import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../../../app/domain/outbox-event.schema';
import { DoneMarks } from '../../../../sync/outbox/done-marks';
import { FakeClock, flushPromises } from '../../../support/fake-clock';

const event = (id: number): OutboxEvent => ({
  id,
  target: 'odoo',
  orderKey: `picking:${id}`,
  payload: { type: 'picking.validate', pickingId: id },
  attempts: 0,
  answeredFailures: 0,
  createdAt: 0,
});

function setup(opts: { windowMs?: number; maxGroup?: number; fail?: boolean } = {}) {
  const clock = new FakeClock();
  const commits: number[][] = [];
  const heard: { ids: number[]; error: unknown }[] = [];
  const world = { running: 0 };
  const marks = new DoneMarks({
    clock,
    windowMs: opts.windowMs ?? 2,
    maxGroup: opts.maxGroup ?? 64,
    othersRunning: () => world.running > 0,
    commit: (events) => {
      if (opts.fail) throw new Error('disk I/O error');
      commits.push(events.map((e) => e.id));
    },
    committed: (events, error) => heard.push({ ids: events.map((e) => e.id), error }),
  });
  const settled = new Set<number>();
  const add = (id: number) => void marks.add(event(id)).then(() => settled.add(id));
  return { clock, commits, heard, world, marks, settled, add };
}

describe('DoneMarks (group commit of done-marks)', () => {
  it('while other deliveries run, waits at most the window, then commits the group in one go', async () => {
    const t = setup({ windowMs: 2 });
    t.world.running = 3;
    t.add(1);
    t.add(2);
    t.clock.advance(1);
    await flushPromises();
    expect(t.commits).toEqual([]);
    expect(t.marks.size).toBe(2);
    expect(t.settled.size).toBe(0);
    t.clock.advance(1);
    await flushPromises();
    expect(t.commits).toEqual([[1, 2]]);
    expect(t.heard).toEqual([{ ids: [1, 2], error: null }]);
    expect([...t.settled]).toEqual([1, 2]);
    expect(t.clock.pending).toBe(0);
  });

  it('commits at once when the last running delivery joins: nothing else could', () => {
    const t = setup();
    t.world.running = 2;
    t.add(1);
    t.world.running = 1;
    t.add(2);
    expect(t.commits).toEqual([]);
    t.world.running = 0;
    t.add(3);
    expect(t.commits).toEqual([[1, 2, 3]]);
    // The window's timer went with the group.
    expect(t.clock.pending).toBe(0);
  });

  it('a sibling that failed does not keep the group waiting', () => {
    const t = setup();
    t.world.running = 1;
    t.add(1);
    expect(t.commits).toEqual([]);
    t.world.running = 0;
    t.marks.settle();
    expect(t.commits).toEqual([[1]]);
    t.marks.settle();
    expect(t.commits).toEqual([[1]]);
  });

  it('bounds the group: a full one commits at once, the next starts empty', () => {
    const t = setup({ maxGroup: 3 });
    t.world.running = 10;
    for (let id = 1; id <= 5; id++) t.add(id);
    expect(t.commits).toEqual([[1, 2, 3]]);
    expect(t.marks.size).toBe(2);
    t.clock.advance(2);
    expect(t.commits).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('eager (stopping) commits every mark at once, and flush() commits what waits', () => {
    const t = setup();
    t.world.running = 2;
    t.add(1);
    t.marks.eager = true;
    t.marks.flush();
    expect(t.commits).toEqual([[1]]);
    t.add(2);
    expect(t.commits).toEqual([[1], [2]]);
    expect(t.clock.pending).toBe(0);
  });

  it('a group that cannot be written is reported with its error and releases its waiters (they are delivered again)', async () => {
    const t = setup({ fail: true });
    t.add(1);
    t.add(2);
    await flushPromises();
    expect(t.heard).toHaveLength(2);
    expect(t.heard[0]).toMatchObject({ ids: [1] });
    expect(String(t.heard[0]?.error)).toMatch(/disk I\/O error/);
    expect([...t.settled]).toEqual([1, 2]);
    expect(t.marks.size).toBe(0);
  });

  it('a window of 0 never waits', () => {
    const t = setup({ windowMs: 0 });
    t.world.running = 5;
    t.add(1);
    expect(t.commits).toEqual([[1]]);
  });
});
