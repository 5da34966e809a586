/** Waiting for a platform's report: doubling waits on fake time, a failed report and a passed deadline are errors. */
import { describe, expect, it } from 'vitest';
import { StationError } from '../../../app/domain/errors';
import { waitForReport, type ReportState } from '../../../sync/recon/report-poll';
import { FakeClock } from '../../support/fake-clock';

const POLL = { firstDelayMs: 1000, maxDelayMs: 4000, deadlineMs: 20_000 };

/** Answers `states` in turn, noting the fake time of each read. */
function reads(clock: FakeClock, states: ReportState<string>[]) {
  const at: number[] = [];
  const start = clock.now();
  return {
    at,
    check: async (): Promise<ReportState<string>> => {
      at.push(clock.now() - start);
      return states.shift() ?? { state: 'pending' };
    },
  };
}

/** Runs `promise` while moving fake time on, as timers come due; answers its value or the error it failed with. */
async function settle<T>(clock: FakeClock, promise: Promise<T>): Promise<T | unknown> {
  let outcome: { value: T } | { error: unknown } | null = null;
  void promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  for (let i = 0; i < 200 && outcome === null; i++) {
    clock.advance(250);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const done = outcome as { value: T } | { error: unknown } | null;
  if (done === null) throw new Error('still waiting after 50 s of fake time');
  return 'value' in done ? done.value : done.error;
}

describe('waitForReport', () => {
  it('a report ready at creation is not read again', async () => {
    const clock = new FakeClock();
    const r = reads(clock, []);
    expect(await waitForReport('r', { state: 'ready', value: 'url' }, r.check, POLL, clock)).toBe('url');
    expect(r.at).toEqual([]);
  });

  it('reads after 1 s, 2 s, 4 s, then every 4 s until it is ready', async () => {
    const clock = new FakeClock();
    const r = reads(clock, [{ state: 'pending' }, { state: 'pending' }, { state: 'pending' }, { state: 'ready', value: 'https://files/r.csv' }]);
    expect(await settle(clock, waitForReport('r', { state: 'pending' }, r.check, POLL, clock))).toBe('https://files/r.csv');
    expect(r.at).toEqual([1000, 3000, 7000, 11_000]);
  });

  it('a report that failed is a SERVER error naming it and why', async () => {
    const clock = new FakeClock();
    const r = reads(clock, [{ state: 'failed', why: 'status failed' }]);
    const error = await settle(clock, waitForReport('EasyPost shipment report shprep_1', { state: 'pending' }, r.check, POLL, clock));
    expect(error).toBeInstanceOf(StationError);
    expect(error).toMatchObject({ code: 'SERVER', message: 'EasyPost shipment report shprep_1 failed at the platform: status failed' });
  });

  it('one never ready is a TIMEOUT once the next wait would pass the deadline', async () => {
    const clock = new FakeClock();
    const r = reads(clock, []);
    const error = await settle(clock, waitForReport('Shippo invoice.v1 run 1', { state: 'pending' }, r.check, POLL, clock));
    expect(error).toMatchObject({ code: 'TIMEOUT', message: 'Shippo invoice.v1 run 1 was not ready within 20 s' });
    expect(r.at).toEqual([1000, 3000, 7000, 11_000, 15_000, 19_000]);
  });
});
