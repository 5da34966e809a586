import { errorMessage } from '../../app/domain/errors';
import type { Clock, LogSink } from '../../app/ports';
import type { JobName, JobQueue, JobRun } from '../../app/recon/recon.ports';
import { JobLoop } from '../../sync/jobs/job-loop';

export interface JobSchedule {
  job: JobName;
  /** One run per period of this length, periods aligned on the epoch (floor(now / everyMs) × everyMs). */
  everyMs: number;
  enabled: boolean;
  /** The payload of each period's run, read when the period is claimed. */
  payload?: () => Record<string, unknown>;
}

/** Does one run's work; stops early (by throwing) when `signal` aborts. Its result is stored with the run. */
export type JobHandler = (run: JobRun, signal: AbortSignal) => Promise<Record<string, unknown>>;

export interface JobRunnerOptions {
  hubId: string;
  jobs: JobQueue;
  clock: Clock;
  log: LogSink;
  /** How often the runner looks for a period to claim or an on-demand run (plus up to a quarter of it, at random). */
  tickMs: number;
  /** A run whose heartbeat is older than this is taken over by another hub; this runner beats every staleMs / 3. */
  staleMs: number;
  schedules: readonly JobSchedule[];
  handlers: Partial<Record<JobName, JobHandler>>;
  /** Longest stop() waits for aborted handlers to return. */
  drainTimeoutMs?: number;
  random?: () => number;
}

export interface JobRunner {
  /** Queues an on-demand run and looks for work at once; returns the run's id. */
  runNow(job: JobName, payload: Record<string, unknown>, requestedBy: string): Promise<number>;
  /** Stops claiming, aborts the handlers in flight and waits for them (bounded). */
  stop(): Promise<void>;
}

interface Active {
  run: JobRun;
  controller: AbortController;
  /** Another hub took the run over (this one's beats were late): its outcome is no longer ours to record. */
  lost: boolean;
}

/**
 * The hub's background jobs on the shared job queue: each scheduled job runs once per period whichever hubs are up
 * (the queue's claim decides), on-demand runs are claimed by one hub each, and a run whose hub stopped beating is
 * taken over. Within one process a job never runs twice at once. A handler's failure is the run's outcome, logged;
 * nothing a handler or the database does stops the loop.
 *
 * A run aborted by stop() is left running in the queue, not failed: another hub (or this one restarted) takes it over
 * once its heartbeat is stale, so a hub shutting down mid-run never loses its period.
 */
export function startJobRunner(opts: JobRunnerOptions): JobRunner {
  for (const s of opts.schedules) if (!(s.everyMs > 0)) throw new Error(`job ${s.job}: everyMs must be positive`);
  if (!(opts.tickMs > 0) || !(opts.staleMs > 0)) throw new Error('job runner: tickMs and staleMs must be positive');
  const random = opts.random ?? Math.random;
  const runnable = (Object.keys(opts.handlers) as JobName[]).filter((job) => opts.handlers[job] !== undefined);
  const active = new Map<JobName, Active>();
  /** The period of each job this process already claimed: no need to ask the queue again within it. */
  const claimed = new Map<JobName, number>();
  let stopping = false;

  /** Whether the queue still has the run as this hub's claim (the same attempt); marks it lost otherwise. */
  const stillOurs = async (entry: Active): Promise<boolean> => {
    const current = await opts.jobs.get(entry.run.id);
    if (current?.state === 'running' && current.hubId === opts.hubId && current.attempts === entry.run.attempts) return true;
    entry.lost = true;
    opts.log.warn({ job: entry.run.job, runId: entry.run.id, hubId: current?.hubId }, 'job run taken over by another hub; its outcome here is dropped');
    return false;
  };

  const heartbeats = (entry: Active): (() => Promise<void>) => {
    let timer: unknown = null;
    let last: Promise<void> = Promise.resolve();
    let stopped = false;
    const beat = async () => {
      if (await stillOurs(entry)) await opts.jobs.heartbeat(entry.run.id, opts.clock.now());
      else entry.controller.abort(new Error('the run was taken over by another hub'));
    };
    const schedule = () => {
      timer = opts.clock.setTimeout(() => {
        last = beat().catch((err: unknown) => opts.log.warn({ job: entry.run.job, runId: entry.run.id, err: errorMessage(err) }, 'job heartbeat not recorded'));
        void last.then(() => {
          if (!stopped && !entry.lost) schedule();
        });
      }, opts.staleMs / 3);
    };
    schedule();
    return async () => {
      stopped = true;
      if (timer !== null) opts.clock.clearTimeout(timer);
      await last;
    };
  };

  const execute = async (entry: Active): Promise<void> => {
    const { run, controller } = entry;
    const handler = opts.handlers[run.job];
    const stopBeats = heartbeats(entry);
    let outcome: { ok: true; result: Record<string, unknown> } | { ok: false; error: string };
    try {
      if (handler === undefined) throw new Error(`no handler for job ${run.job}`);
      outcome = { ok: true, result: await handler(run, controller.signal) };
    } catch (err) {
      outcome = { ok: false, error: errorMessage(err) };
    } finally {
      await stopBeats();
    }
    if (entry.lost) return;
    if (!outcome.ok && controller.signal.aborted) {
      opts.log.info({ job: run.job, runId: run.id }, 'job run aborted; it is taken over once its heartbeat is stale');
      return;
    }
    try {
      if (!(await stillOurs(entry))) return;
      await opts.jobs.finish(run.id, outcome, opts.clock.now());
      if (outcome.ok) opts.log.info({ job: run.job, runId: run.id, periodStart: run.periodStart }, 'job run done');
      else opts.log.error({ job: run.job, runId: run.id, err: outcome.error }, 'job run failed');
    } catch (err) {
      opts.log.error({ job: run.job, runId: run.id, err: errorMessage(err) }, 'job outcome not recorded; it runs again once its heartbeat is stale');
    }
  };

  const start = (run: JobRun) => {
    const entry: Active = { run, controller: new AbortController(), lost: false };
    active.set(run.job, entry);
    opts.log.info({ job: run.job, runId: run.id, periodStart: run.periodStart, attempts: run.attempts }, 'job run claimed');
    loop.track(
      execute(entry).finally(() => {
        active.delete(run.job);
        loop.kick();
      }),
    );
  };

  const step = async (): Promise<number> => {
    for (const schedule of opts.schedules) {
      if (stopping || !schedule.enabled || active.has(schedule.job) || opts.handlers[schedule.job] === undefined) continue;
      const now = opts.clock.now();
      const periodStart = Math.floor(now / schedule.everyMs) * schedule.everyMs;
      if (claimed.get(schedule.job) === periodStart) continue;
      const run = await opts.jobs.claimPeriod(schedule.job, periodStart, schedule.payload?.() ?? {}, opts.hubId, now, opts.staleMs);
      if (run === null || stopping) continue;
      claimed.set(schedule.job, periodStart);
      start(run);
    }
    for (;;) {
      const free = runnable.filter((job) => !active.has(job));
      if (stopping || free.length === 0) break;
      const run = await opts.jobs.claimNext(opts.hubId, opts.clock.now(), opts.staleMs, free);
      if (run === null || stopping) break;
      start(run);
    }
    return opts.tickMs + Math.floor(random() * opts.tickMs * 0.25);
  };

  const loop = new JobLoop({ name: 'hub jobs', clock: opts.clock, log: opts.log, step, errorDelayMs: opts.tickMs, drainTimeoutMs: opts.drainTimeoutMs ?? 30_000 });
  loop.start();

  return {
    runNow: async (job, payload, requestedBy) => {
      const id = await opts.jobs.enqueue(job, payload, requestedBy, opts.clock.now());
      loop.kick();
      return id;
    },
    stop: async () => {
      stopping = true;
      const drained = loop.stop();
      for (const entry of active.values()) entry.controller.abort(new Error('the hub is stopping'));
      await drained;
    },
  };
}
