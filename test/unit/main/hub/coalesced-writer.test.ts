import { describe, expect, it } from 'vitest';
import { CoalescedWriter } from '../../../../main/hub/coalesced-writer';
import { silentLog } from '../../../../main/log';
import { FakeClock } from '../../../support/fake-clock';

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const clock = new FakeClock();
  const written: [string, number, number][] = [];
  const writer = new CoalescedWriter<number>(2000, clock, async (key, value) => void written.push([key, value, clock.now() - 1_700_000_000_000]), silentLog());
  return { clock, written, writer };
}

describe('CoalescedWriter', () => {
  it('writes the first value at once, then at most one per interval per key, the last one always', async () => {
    const { clock, written, writer } = setup();
    writer.offer('st-1', 1);
    await settle();
    clock.advance(100);
    writer.offer('st-1', 2);
    writer.offer('st-1', 3);
    writer.offer('st-2', 10); // another station has its own interval
    await settle();
    expect(written).toEqual([
      ['st-1', 1, 0],
      ['st-2', 10, 100],
    ]);
    clock.advance(1899);
    await settle();
    expect(written).toHaveLength(2);
    clock.advance(1);
    await settle();
    expect(written.at(-1)).toEqual(['st-1', 3, 2000]);
    clock.advance(5000);
    await settle();
    expect(written).toHaveLength(3);
    writer.offer('st-1', 4); // quiet for longer than the interval: written at once
    await settle();
    expect(written.at(-1)).toEqual(['st-1', 4, 7000]);
  });

  it('flush writes what waits now, for one key or all', async () => {
    const { clock, written, writer } = setup();
    writer.offer('st-1', 1);
    writer.offer('st-1', 2);
    writer.offer('st-2', 5);
    writer.offer('st-2', 6);
    await writer.flush('st-1');
    expect(written.map(([k, v]) => `${k}=${v}`)).toEqual(['st-1=1', 'st-2=5', 'st-1=2']);
    await writer.flush();
    expect(written.map(([k, v]) => `${k}=${v}`)).toEqual(['st-1=1', 'st-2=5', 'st-1=2', 'st-2=6']);
    clock.advance(10_000);
    await settle();
    expect(written).toHaveLength(4);
  });

  it('keeps the order of one key’s writes even when a write is slow', async () => {
    const clock = new FakeClock();
    const order: number[] = [];
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const writer = new CoalescedWriter<number>(2000, clock, async (_k, v) => {
      if (v === 1) await slow;
      order.push(v);
    }, silentLog());
    writer.offer('st-1', 1);
    writer.offer('st-1', 2);
    clock.advance(2000);
    await settle();
    expect(order).toEqual([]);
    release();
    await writer.flush();
    expect(order).toEqual([1, 2]);
  });
});
