import { z } from 'zod';
import type { JobName, JobQueue, JobRun } from '../../../app/recon/recon.ports';
import type { SqlClient } from './sql-client';

const ms = z.coerce.number();
const JobNameSchema = z.enum(['reconcile', 'tracking-poll', 'odoo-notify']) satisfies z.ZodType<JobName>;
const JsonObjectSchema = z.record(z.string(), z.unknown());
const JobRunRowSchema = z.object({
  id: ms,
  job: JobNameSchema,
  period_start: ms.nullable(),
  payload: JsonObjectSchema,
  state: z.enum(['queued', 'running', 'done', 'failed']),
  requested_by: z.string().nullable(),
  hub_id: z.string().nullable(),
  attempts: ms,
  queued_at: ms,
  started_at: ms.nullable(),
  finished_at: ms.nullable(),
  result: JsonObjectSchema.nullable(),
  error: z.string().nullable(),
});

const toRun = (raw: unknown): JobRun => {
  const row = JobRunRowSchema.parse(raw);
  return {
    id: row.id,
    job: row.job,
    periodStart: row.period_start,
    payload: row.payload,
    state: row.state,
    requestedBy: row.requested_by,
    hubId: row.hub_id,
    attempts: row.attempts,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result,
    error: row.error,
  };
};

const COLUMNS = 'id, job, period_start, payload, state, requested_by, hub_id, attempts, queued_at, started_at, finished_at, result, error';

/**
 * The hub's job runs. Exactly once per period comes from the partial unique index on (job, period_start): of several
 * hubs inserting the same period one row wins; taking over a stale run is one UPDATE whose condition PostgreSQL
 * re-checks after the row lock, so of two hubs racing for it only the first finds it still stale.
 */
export function hubJobsStore(db: SqlClient): JobQueue {
  return {
    claimPeriod: async (job, periodStart, payload, hubId, now, staleMs) =>
      db.transaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO hub_job_runs (job, period_start, payload, state, hub_id, attempts, queued_at, started_at, heartbeat_at)
           VALUES ($1, $2, $3::jsonb, 'running', $4, 1, $5, $5, $5)
           ON CONFLICT (job, period_start) WHERE period_start IS NOT NULL DO NOTHING
           RETURNING ${COLUMNS}`,
          [job, periodStart, JSON.stringify(payload), hubId, now],
        );
        if (inserted[0] !== undefined) return toRun(inserted[0]);
        const taken = await tx.query(
          `UPDATE hub_job_runs SET hub_id = $3, attempts = attempts + 1, started_at = $4, heartbeat_at = $4
           WHERE job = $1 AND period_start = $2 AND state = 'running' AND heartbeat_at < $4::bigint - $5::bigint
           RETURNING ${COLUMNS}`,
          [job, periodStart, hubId, now, staleMs],
        );
        return taken[0] === undefined ? null : toRun(taken[0]);
      }),
    enqueue: async (job, payload, requestedBy, now) => {
      const rows = await db.query<{ id: unknown }>(
        `INSERT INTO hub_job_runs (job, payload, state, requested_by, queued_at) VALUES ($1, $2::jsonb, 'queued', $3, $4) RETURNING id`,
        [JobNameSchema.parse(job), JSON.stringify(payload), requestedBy, now],
      );
      return ms.parse(rows[0]?.id);
    },
    claimNext: async (hubId, now, staleMs, jobs) => {
      const rows = await db.query(
        `UPDATE hub_job_runs SET state = 'running', hub_id = $1, attempts = attempts + 1, started_at = $2, heartbeat_at = $2
         WHERE id = (
           SELECT id FROM hub_job_runs
           WHERE period_start IS NULL AND (state = 'queued' OR (state = 'running' AND heartbeat_at < $2::bigint - $3::bigint))
             AND ($4::jsonb IS NULL OR job IN (SELECT jsonb_array_elements_text($4::jsonb)))
           ORDER BY queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [hubId, now, staleMs, jobs === undefined ? null : JSON.stringify(jobs)],
      );
      return rows[0] === undefined ? null : toRun(rows[0]);
    },
    heartbeat: async (runId, now) => {
      await db.query(`UPDATE hub_job_runs SET heartbeat_at = $2 WHERE id = $1 AND state = 'running'`, [runId, now]);
    },
    finish: async (runId, outcome, now) => {
      await db.query(
        `UPDATE hub_job_runs SET state = $2, result = $3::jsonb, error = $4, finished_at = $5, heartbeat_at = $5 WHERE id = $1`,
        outcome.ok ? [runId, 'done', JSON.stringify(outcome.result), null, now] : [runId, 'failed', null, outcome.error, now],
      );
    },
    get: async (runId) => {
      const rows = await db.query(`SELECT ${COLUMNS} FROM hub_job_runs WHERE id = $1`, [runId]);
      return rows[0] === undefined ? null : toRun(rows[0]);
    },
    recent: async (limit, job) => {
      const rows = await db.query(
        `SELECT ${COLUMNS} FROM hub_job_runs WHERE ($2::text IS NULL OR job = $2) ORDER BY queued_at DESC, id DESC LIMIT $1`,
        [limit, job ?? null],
      );
      return rows.map(toRun);
    },
  };
}
