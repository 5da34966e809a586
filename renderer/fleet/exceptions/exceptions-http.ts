import { HubExceptionSchema, type HubException } from '../../../app/recon/exception.schema';
import {
  ExceptionActionResponseSchema,
  ExceptionPageSchema,
  ExceptionQueuesSchema,
  JobRunsSchema,
  ReconcileResponseSchema,
  ShipmentTrailSchema,
  type ExceptionActionRequest,
  type ExceptionQuery,
} from '../../../app/recon/exceptions-api.schema';
import { call } from '../api/fleet-http';

/** The query string of a filter: empty values are left out (the hub reads them as "any"). */
export function exceptionQueryString(q: ExceptionQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/** The exception queues' API (app/recon/exceptions-api.schema.ts), every answer parsed before the view sees it. */
export const exceptionsApi = {
  queues: () => call(ExceptionQueuesSchema, '/api/exceptions/queues'),
  list: (q: ExceptionQuery) => call(ExceptionPageSchema, `/api/exceptions?${exceptionQueryString(q)}`),
  get: (id: number): Promise<HubException> => call(HubExceptionSchema, `/api/exceptions/${id}`),
  act: (request: ExceptionActionRequest) => call(ExceptionActionResponseSchema, '/api/exceptions/actions', { method: 'POST', body: request }),
  /** Every row of the filter, not one page: a plain link, so the browser downloads it with the session cookie. */
  csvHref: ({ limit: _l, offset: _o, ...filter }: ExceptionQuery) => `/api/exceptions.csv?${exceptionQueryString(filter)}`,
  reconcile: () => call(ReconcileResponseSchema, '/api/reconcile', { method: 'POST', body: {} }),
  reconcileRuns: () => call(JobRunsSchema, '/api/jobs?job=reconcile&limit=5'),
  trail: (ref: string) => call(ShipmentTrailSchema, `/api/shipments/${encodeURIComponent(ref)}/trail`),
};
