import { afterEach, expect, it, vi } from 'vitest';
import type { LogSink } from '../../../app/ports';
import type { JobName, JobRun } from '../../../app/recon/recon.ports';
import { startJobRunner, type JobHandler, type JobRunner, type JobRunnerOptions } from '../../../main/hub/job-runner';
import { realClock } from '../../support/real-clock';
import { describeOnEngines } from './recon-world';

/** What the handlers did, in order, across both hubs. */
interface Call { hub: string; job: JobName; runId: number; periodStart: number | null }

const recordingLog = () => {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  const log: LogSink = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
};

/** Resolves when `signal` aborts, then throws its reason, as a handler honouring the signal does. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Periods no other test of the file uses (the queue keeps one row per job and period): the whole test is in one. */
let longPeriods = 0;
const longPeriod = () => 1e12 + ++longPeriods * 1000;

describeOnEngines('job runner with two hubs', (world) => {
  const runners: JobRunner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });

  const calls: Call[] = [];
  const start = (hub: 'A' | 'B', opts: Partial<JobRunnerOptions> & Pick<JobRunnerOptions, 'handlers'>) => {
    const store = hub === 'A' ? world().a : world().b;
    const runner = startJobRunner({ hubId: `hub-${hub}`, jobs: store.jobs, clock: realClock, log: recordingLog().log, tickMs: 40, staleMs: 600, schedules: [], ...opts });
    runners.push(runner);
    return runner;
  };
  /** A handler that notes its call, keeps at most one run per job and hub at a time (or fails the test), and waits `ms`. */
  const active = new Set<string>();
  const overlapping: string[] = [];
  const handler = (hub: string, ms: number, fail?: (run: JobRun) => boolean): JobHandler => async (run, signal) => {
    const slot = `${hub}/${run.job}`;
    if (active.has(slot)) overlapping.push(slot);
    active.add(slot);
    calls.push({ hub, job: run.job, runId: run.id, periodStart: run.periodStart });
    try {
      await Promise.race([sleep(ms), untilAborted(signal)]);
      if (fail?.(run)) throw new Error(`carrier platform unreachable in run ${run.id}`);
      return { hub, periodStart: run.periodStart };
    } finally {
      active.delete(slot);
    }
  };

  it('runs each period of each schedule exactly once across two hubs, failures included, over several periods', async () => {
    calls.length = 0;
    const failing = recordingLog();
    const schedules = [
      { job: 'tracking-poll' as const, everyMs: 500, enabled: true, payload: () => ({ quietMinutes: 30 }) },
      { job: 'odoo-notify' as const, everyMs: 700, enabled: true },
      { job: 'reconcile' as const, everyMs: 300, enabled: false },
    ];
    const failOddPeriods = (run: JobRun) => (run.periodStart! / 700) % 2 === 1;
    for (const hub of ['A', 'B'] as const) {
      start(hub, {
        schedules,
        log: hub === 'A' ? failing.log : recordingLog().log,
        handlers: { 'tracking-poll': handler(hub, 60), 'odoo-notify': handler(hub, 30, failOddPeriods), reconcile: handler(hub, 1) },
      });
    }
    const polled = () => new Set(calls.filter((c) => c.job === 'tracking-poll').map((c) => c.periodStart)).size;
    await vi.waitFor(() => expect(polled()).toBeGreaterThanOrEqual(5), { timeout: 15_000, interval: 50 });
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));

    for (const [job, everyMs] of [['tracking-poll', 500], ['odoo-notify', 700]] as const) {
      const periods = calls.filter((c) => c.job === job).map((c) => c.periodStart!);
      expect(new Set(periods).size, `${job} ran a period twice`).toBe(periods.length);
      const sorted = [...periods].sort((x, y) => x - y);
      expect(sorted.at(-1)! - sorted[0]!, `${job} skipped a period`).toBe((sorted.length - 1) * everyMs);
    }
    expect(calls.some((c) => c.job === 'reconcile')).toBe(false);
    expect(overlapping).toEqual([]);

    // Stopping aborts what runs: such a run stays running (for another hub to take over), only in a job's last period.
    const ours = async (job: JobName) => {
      const runs = (await world().a.jobs.recent(100, job)).filter((run) => calls.some((c) => c.runId === run.id));
      const last = Math.max(...runs.map((run) => run.periodStart!));
      expect(runs.filter((run) => run.state === 'running' && run.periodStart !== last)).toEqual([]);
      return runs.filter((run) => run.state !== 'running');
    };
    const polls = await ours('tracking-poll');
    expect(polls.length).toBeGreaterThanOrEqual(4);
    expect(polls.every((run) => run.state === 'done' && run.payload.quietMinutes === 30 && run.result?.periodStart === run.periodStart)).toBe(true);
    const notices = await ours('odoo-notify');
    for (const run of notices) {
      if (failOddPeriods(run)) expect(run).toMatchObject({ state: 'failed', error: `carrier platform unreachable in run ${run.id}` });
      else expect(run.state).toBe('done');
    }
    const failedByA = notices.filter((run) => run.state === 'failed' && run.hubId === 'hub-A').map((run) => run.id);
    const loggedByA = failing.lines.filter((l) => l.level === 'error' && 'runId' in l.obj).map((l) => (l.obj as { runId: number }).runId);
    expect(loggedByA.sort()).toEqual(failedByA.sort());
  }, 30_000);

  it("takes over a period whose hub stopped mid-run, once that run's heartbeat is stale", async () => {
    calls.length = 0;
    const everyMs = longPeriod();
    let abortedRunFinished = false;
    const a = start('A', {
      schedules: [{ job: 'reconcile', everyMs, enabled: true }],
      handlers: {
        reconcile: async (run, signal) => {
          calls.push({ hub: 'A', job: run.job, runId: run.id, periodStart: run.periodStart });
          return untilAborted(signal).finally(() => sleep(30).then(() => (abortedRunFinished = true)));
        },
      },
    });
    await vi.waitFor(() => expect(calls).toHaveLength(1), { timeout: 5000, interval: 20 });
    start('B', { schedules: [{ job: 'reconcile', everyMs, enabled: true }], handlers: { reconcile: handler('B', 5) } });
    // A beats every 200 ms: three stale periods later B still has not taken it.
    await sleep(1800);
    expect(calls.map((c) => c.hub)).toEqual(['A']);

    await a.stop();
    expect(abortedRunFinished).toBe(true);
    expect((await world().a.jobs.get(calls[0]!.runId))?.state).toBe('running');
    await vi.waitFor(async () => expect(await world().a.jobs.get(calls[0]!.runId)).toMatchObject({ state: 'done', hubId: 'hub-B', attempts: 2 }), {
      timeout: 5000,
      interval: 50,
    });
    expect(calls.map((c) => [c.hub, c.runId])).toEqual([['A', calls[0]!.runId], ['B', calls[0]!.runId]]);
  }, 20_000);

  it('takes over the run of a hub that died without a word, and drops the outcome of a run taken from it', async () => {
    calls.length = 0;
    const everyMs = longPeriod();
    const periodStart = Math.floor(Date.now() / everyMs) * everyMs;
    const dead = await world().a.jobs.claimPeriod('reconcile', periodStart, {}, 'hub-crashed', Date.now(), 600);
    start('B', { schedules: [{ job: 'reconcile', everyMs, enabled: true }], handlers: { reconcile: handler('B', 5) } });
    await vi.waitFor(async () => expect(await world().a.jobs.get(dead!.id)).toMatchObject({ state: 'done', hubId: 'hub-B', attempts: 2 }), { timeout: 5000, interval: 50 });

    // A run another hub took over (A's beats were late): A aborts it at its next beat and records nothing.
    const slow = longPeriod();
    const log = recordingLog();
    start('A', { schedules: [{ job: 'tracking-poll', everyMs: slow, enabled: true }], handlers: { 'tracking-poll': handler('A', 10_000) }, log: log.log });
    await vi.waitFor(() => expect(calls.filter((c) => c.hub === 'A')).toHaveLength(1), { timeout: 5000, interval: 20 });
    const taken = calls.find((c) => c.hub === 'A')!.runId;
    await world().sql.query(`UPDATE hub_job_runs SET hub_id = 'hub-C', attempts = attempts + 1, heartbeat_at = $2 WHERE id = $1`, [taken, Date.now() + 60_000]);
    await vi.waitFor(() => expect(active.has('A/tracking-poll')).toBe(false), { timeout: 3000, interval: 20 });
    expect(await world().a.jobs.get(taken)).toMatchObject({ state: 'running', hubId: 'hub-C', attempts: 2 });
    expect(log.lines.some((l) => l.level === 'warn' && l.msg?.includes('taken over'))).toBe(true);
  }, 20_000);

  it('runs each on-demand run once, one at a time per job in each hub, and a failing one fails alone', async () => {
    calls.length = 0;
    overlapping.length = 0;
    const failing = (run: JobRun) => run.payload.fail === true;
    const a = start('A', { handlers: { reconcile: handler('A', 40, failing), 'odoo-notify': handler('A', 20) } });
    const b = start('B', { handlers: { reconcile: handler('B', 40, failing) } });
    const ids = await Promise.all([
      ...[0, 1, 2, 3, 4].map((n) => a.runNow('reconcile', { n }, 'ann')),
      ...[0, 1, 2].map((n) => b.runNow('odoo-notify', { n }, 'bob')),
      a.runNow('reconcile', { fail: true }, 'ann'),
    ]);
    await vi.waitFor(async () => expect((await Promise.all(ids.map((id) => world().a.jobs.get(id)))).every((run) => run?.state === 'done' || run?.state === 'failed')).toBe(true), {
      timeout: 10_000,
      interval: 50,
    });
    expect(calls.map((c) => c.runId).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    expect(calls.filter((c) => c.job === 'odoo-notify').every((c) => c.hub === 'A')).toBe(true);
    expect(overlapping).toEqual([]);
    const failed = await world().a.jobs.get(ids.at(-1)!);
    expect(failed).toMatchObject({ state: 'failed', requestedBy: 'ann', error: `carrier platform unreachable in run ${failed!.id}` });
    expect(await world().a.jobs.get(ids[0]!)).toMatchObject({ state: 'done', requestedBy: 'ann', attempts: 1 });
  }, 20_000);
});
