import { z } from 'zod';
import { HubLedgerFactSchema } from '../hub/ledger-event.schema';
import {
  ExceptionActionSchema,
  ExceptionKindSchema,
  ExceptionQueueSchema,
  ExceptionStateSchema,
  HubExceptionSchema,
  type ExceptionFilter,
} from './exception.schema';

/**
 * The exception work queues' HTTP API on the hub (beside the fleet API, same session cookie and `{ error }` answers).
 * Viewers read; supervisors act; every action is written to the hub's audit log, refusals included.
 *
 *   GET  /api/exceptions/queues           → ExceptionQueues
 *   GET  /api/exceptions?<ExceptionQuery>  → ExceptionPage
 *   GET  /api/exceptions/:id               → HubException (with its history)
 *   POST /api/exceptions/actions           ExceptionActionRequest → ExceptionActionResponse   (supervisor)
 *   GET  /api/exceptions.csv?<ExceptionQuery> → text/csv attachment (every matching row up to 10,000)
 *   POST /api/reconcile                    ReconcileRequest → ReconcileResponse   (supervisor)
 *   GET  /api/jobs?job=reconcile&limit=N   → JobRuns
 *   GET  /api/shipments/:ref/trail         → ShipmentTrail  (ref: shipment id or tracking code)
 */

const nonEmpty = (max: number) => z.string().trim().min(1).max(max);

/**
 * The list's query string: `state` is one state or several joined by commas; empty parameters count as absent; an
 * unknown parameter is an error (a typo must not silently widen the list).
 */
export const exceptionQuerySchema = (maxLimit: number, defaultLimit: number) =>
  z
    .strictObject({
      kind: ExceptionKindSchema.optional(),
      state: z
        .string()
        .transform((s) => [...new Set(s.split(',').map((p) => p.trim()).filter(Boolean))])
        .pipe(z.array(ExceptionStateSchema).min(1))
        .optional(),
      owner: nonEmpty(100).optional(),
      station: nonEmpty(100).optional(),
      ref: nonEmpty(200).optional(),
      limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    })
    .transform(
      (q): Required<Pick<ExceptionFilter, 'limit' | 'offset'>> & ExceptionFilter => ({
        kind: q.kind,
        states: q.state,
        owner: q.owner,
        stationId: q.station,
        ref: q.ref,
        limit: q.limit,
        offset: q.offset,
      }),
    );

export const EXCEPTION_PAGE_MAX = 500;
export const EXCEPTION_CSV_MAX = 10_000;
export const ExceptionQuerySchema = exceptionQuerySchema(EXCEPTION_PAGE_MAX, 100);
export const ExceptionCsvQuerySchema = exceptionQuerySchema(EXCEPTION_CSV_MAX, EXCEPTION_CSV_MAX);

/** What the view filters by, as it writes it into the query string (the same for the list and the CSV). */
export interface ExceptionQuery {
  kind?: string;
  state?: string;
  owner?: string;
  station?: string;
  ref?: string;
  limit?: number;
  offset?: number;
}

export const ExceptionQueueViewSchema = ExceptionQueueSchema;
export type ExceptionQueueView = z.infer<typeof ExceptionQueueViewSchema>;

export const ExceptionQueuesSchema = z.object({
  now: z.number(),
  queues: z.array(ExceptionQueueViewSchema),
  open: z.number().int().nonnegative(),
  inProgress: z.number().int().nonnegative(),
  oldestOpenedAt: z.number().nullable(),
});
export type ExceptionQueues = z.infer<typeof ExceptionQueuesSchema>;

export const ExceptionPageSchema = z.object({
  now: z.number(),
  exceptions: z.array(HubExceptionSchema),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  /** More rows match beyond this page. */
  more: z.boolean(),
});
export type ExceptionPage = z.infer<typeof ExceptionPageSchema>;

export const ExceptionActionRequestSchema = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(500),
  action: ExceptionActionSchema,
});
export type ExceptionActionRequest = z.input<typeof ExceptionActionRequestSchema>;

export const ExceptionActionResponseSchema = z.object({
  updated: z.array(z.number().int()),
  refused: z.array(z.object({ id: z.number().int(), why: z.string() })),
});
export type ExceptionActionResponse = z.infer<typeof ExceptionActionResponseSchema>;

export const ReconcileRequestSchema = z.strictObject({
  /** Look back to this instant instead of the configured lookback. */
  since: z.iso.datetime({ offset: true }).optional(),
});
export const ReconcileResponseSchema = z.object({ runId: z.number().int().positive() });

export const JobNameSchema = z.enum(['reconcile', 'tracking-poll', 'odoo-notify']);

export const JobRunSchema = z.object({
  id: z.number().int(),
  job: JobNameSchema,
  periodStart: z.number().nullable(),
  payload: z.record(z.string(), z.unknown()),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  requestedBy: z.string().nullable(),
  hubId: z.string().nullable(),
  attempts: z.number().int(),
  queuedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
});
export type JobRunView = z.infer<typeof JobRunSchema>;

export const JobsQuerySchema = z.strictObject({
  job: JobNameSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const JobRunsSchema = z.object({
  now: z.number(),
  runs: z.array(JobRunSchema),
  /** The scheduled reconciliation: when its next period starts (null: switched off in hub.json). */
  schedule: z.object({ everyMinutes: z.number(), nextAt: z.number() }).nullable(),
});
export type JobRuns = z.infer<typeof JobRunsSchema>;

export const ShipmentTrailSchema = z.object({
  ref: z.string(),
  entries: z.array(
    z.object({
      id: z.number().int(),
      at: z.number(),
      shipmentId: z.string().nullable(),
      trackingCode: z.string().nullable(),
      pickingId: z.number().int().nullable(),
      system: z.enum(['station', 'hub', 'odoo', 'easypost', 'shippo']),
      actor: z.string(),
      kind: z.enum(['request', 'response', 'status', 'override', 'finding']),
      summary: z.string(),
      data: z.unknown(),
    }),
  ),
  /** The station's own record of the parcel (its ledger on the hub): packed, bought, printed, voided. */
  station: z.array(z.object({ stationId: z.string(), seq: z.number().int(), at: z.number(), fact: HubLedgerFactSchema })),
  events: z.array(
    z.object({
      receivedAt: z.number(),
      source: z.enum(['webhook', 'poll']),
      platform: z.string(),
      before: z.string().nullable(),
      after: z.string(),
      raw: z.unknown(),
    }),
  ),
});
export type ShipmentTrail = z.infer<typeof ShipmentTrailSchema>;
