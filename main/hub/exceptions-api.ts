import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ExceptionAction, HubException } from '../../app/recon/exception.schema';
import {
  ExceptionActionRequestSchema,
  ExceptionCsvQuerySchema,
  ExceptionQuerySchema,
  JobsQuerySchema,
  ReconcileRequestSchema,
  type ExceptionActionResponse,
  type ExceptionPage,
  type ExceptionQueues,
  type JobRuns,
  type ShipmentTrail,
} from '../../app/recon/exceptions-api.schema';
import { exceptionsCsv } from '../../app/recon/exceptions-csv';
import { maskPersonalData } from '../../app/recon/personal-data';
import type { AuditEntry, HubRole } from '../../app/hub/fleet.schema';
import type { HubUser } from '../../app/hub/hub.ports';
import { HttpError, readBody } from './hub-http';
import type { HubContext } from './hub-context';
import { hasRole } from './station-actions';
import { reconcileScheduled } from './recon.wiring';

/** A fleet API route for a signed-in user with at least `role` (the router checks the session and the role). */
export interface RoleRoute {
  method: 'GET' | 'POST';
  path: RegExp;
  role: HubRole;
  handle(ctx: HubContext, user: HubUser, req: IncomingMessage, url: URL, params: string[], res: ServerResponse): Promise<unknown>;
}

/** Actions are read first and refused after, so a viewer's attempt is audited with what was asked. */
export const EXCEPTION_ROUTES: RoleRoute[] = [
  { method: 'GET', path: /^\/api\/exceptions\/queues$/, role: 'viewer', handle: queues },
  { method: 'POST', path: /^\/api\/exceptions\/actions$/, role: 'viewer', handle: act },
  { method: 'GET', path: /^\/api\/exceptions\/([^/]{1,20})$/, role: 'viewer', handle: one },
  { method: 'GET', path: /^\/api\/exceptions$/, role: 'viewer', handle: list },
  { method: 'GET', path: /^\/api\/exceptions\.csv$/, role: 'viewer', handle: csv },
  { method: 'POST', path: /^\/api\/reconcile$/, role: 'viewer', handle: reconcile },
  { method: 'GET', path: /^\/api\/jobs$/, role: 'viewer', handle: jobs },
  { method: 'GET', path: /^\/api\/shipments\/([^/]{1,300})\/trail$/, role: 'viewer', handle: trail },
];

function query<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
  // `?kind=&state=` is how a form sends "any": an empty parameter is no parameter.
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  return parsed.data;
}

type Audit = Pick<AuditEntry, 'action' | 'detail'>;

async function audit(ctx: HubContext, user: HubUser, what: Audit, outcome: AuditEntry['outcome'], error: string | null = null): Promise<void> {
  await ctx.store.audit.record({ at: ctx.clock.now(), username: user.username, stationId: null, ...what, outcome, error });
}

async function requireSupervisor(ctx: HubContext, user: HubUser, what: Audit): Promise<void> {
  if (hasRole(user, 'supervisor')) return;
  const error = `supervisor role required (you are ${user.role})`;
  await audit(ctx, user, what, 'refused', error);
  throw new HttpError(403, error);
}

async function queues(ctx: HubContext): Promise<ExceptionQueues> {
  const views = await ctx.store.exceptions.queues();
  const opened = views.map((q) => q.oldestOpenedAt).filter((at): at is number => at !== null);
  return {
    now: ctx.clock.now(),
    queues: views,
    open: views.reduce((n, q) => n + q.open, 0),
    inProgress: views.reduce((n, q) => n + q.inProgress, 0),
    oldestOpenedAt: opened.length ? Math.min(...opened) : null,
  };
}

async function list(ctx: HubContext, _user: HubUser, _req: IncomingMessage, url: URL): Promise<ExceptionPage> {
  const filter = query(url, ExceptionQuerySchema);
  // One more than asked tells whether another page follows.
  const rows = await ctx.store.exceptions.list({ ...filter, limit: filter.limit + 1 });
  return { now: ctx.clock.now(), exceptions: rows.slice(0, filter.limit), offset: filter.offset, limit: filter.limit, more: rows.length > filter.limit };
}

async function one(ctx: HubContext, _user: HubUser, _req: IncomingMessage, _url: URL, [raw]: string[]): Promise<HubException> {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new HttpError(400, 'exception id must be a positive whole number');
  const found = await ctx.store.exceptions.get(id);
  if (!found) throw new HttpError(404, `no exception ${id}`);
  return found;
}

async function csv(ctx: HubContext, user: HubUser, _req: IncomingMessage, url: URL, _p: string[], res: ServerResponse): Promise<void> {
  const filter = query(url, ExceptionCsvQuerySchema);
  const rows = await ctx.store.exceptions.list(filter);
  // Exported data leaves the hub: who took what is worth a line in the audit.
  await audit(ctx, user, { action: 'exceptions.export', detail: { filter, rows: rows.length } }, 'ok');
  const stamp = new Date(ctx.clock.now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="exceptions-${stamp}.csv"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(exceptionsCsv(rows));
}

const actionDetail = (action: ExceptionAction): Record<string, unknown> => {
  const { type: _type, ...rest } = action;
  return rest;
};

async function act(ctx: HubContext, user: HubUser, req: IncomingMessage): Promise<ExceptionActionResponse> {
  const { ids, action } = await readBody(req, ExceptionActionRequestSchema);
  const unique = [...new Set(ids)];
  const what: Audit = { action: `exceptions.${action.type}`, detail: { ids: unique, ...actionDetail(action) } };
  await requireSupervisor(ctx, user, what);
  const now = ctx.clock.now();
  const outcome = await ctx.store.exceptions.act(unique, action, user.username, now);
  const refusedAll = outcome.updated.length === 0;
  await audit(ctx, user, { ...what, detail: { ...(what.detail as object), updated: outcome.updated, refused: outcome.refused } }, refusedAll ? 'refused' : 'ok', refusedAll ? (outcome.refused[0]?.why ?? null) : null);
  await traceOverrides(ctx, user, outcome.updated, action, now);
  return outcome;
}

/** A person's decision on a shipment's exception belongs to that shipment's trail, beside its requests and statuses. */
async function traceOverrides(ctx: HubContext, user: HubUser, ids: number[], action: ExceptionAction, now: number): Promise<void> {
  const changed = (await Promise.all(ids.map((id) => ctx.store.exceptions.get(id)))).filter((e): e is HubException => e !== null);
  const entries = changed
    .filter((e) => e.shipmentId !== null || e.trackingCode !== null)
    .map((e) => ({
      at: now,
      shipmentId: e.shipmentId,
      trackingCode: e.trackingCode,
      pickingId: e.pickingId,
      system: 'hub' as const,
      actor: `user:${user.username}`,
      kind: 'override' as const,
      summary: `exception ${e.id} (${e.kind}) ${action.type}: now ${e.state}${e.owner ? `, owner ${e.owner}` : ''}`,
      // A note or a reason is people's words: masked like any free text the hub keeps on a shipment.
      data: maskPersonalData({ exceptionId: e.id, action: action.type, owner: e.owner, note: action.type === 'ignore' ? action.reason : 'note' in action ? action.note : null }),
    }));
  if (entries.length) await ctx.store.shipmentAudit.append(entries);
}

async function reconcile(ctx: HubContext, user: HubUser, req: IncomingMessage): Promise<{ runId: number }> {
  const { since } = await readBody(req, ReconcileRequestSchema);
  const what: Audit = { action: 'reconcile.run', detail: { since: since ?? null } };
  await requireSupervisor(ctx, user, what);
  const now = ctx.clock.now();
  if (since !== undefined && Date.parse(since) > now) {
    await audit(ctx, user, what, 'refused', 'since is in the future');
    throw new HttpError(400, 'since: must not be in the future');
  }
  const runId = await ctx.store.jobs.enqueue('reconcile', since === undefined ? {} : { since }, user.username, now);
  await audit(ctx, user, { ...what, detail: { since: since ?? null, runId } }, 'ok');
  return { runId };
}

async function jobs(ctx: HubContext, _user: HubUser, _req: IncomingMessage, url: URL): Promise<JobRuns> {
  const { job, limit } = query(url, JobsQuerySchema);
  const now = ctx.clock.now();
  const runs = await ctx.store.jobs.recent(limit, job);
  const enabled = reconcileScheduled(ctx.config);
  const { everyMinutes } = ctx.config.reconciliation;
  const everyMs = everyMinutes * 60_000;
  // Scheduled periods start at whole multiples of the period since the epoch (as the scheduler claims them).
  const schedule = enabled ? { everyMinutes, nextAt: Math.floor(now / everyMs) * everyMs + everyMs } : null;
  return { now, runs, schedule };
}

async function trail(ctx: HubContext, _user: HubUser, _req: IncomingMessage, _url: URL, [raw]: string[]): Promise<ShipmentTrail> {
  let ref: string;
  try {
    ref = decodeURIComponent(raw ?? '').trim();
  } catch {
    throw new HttpError(400, 'bad shipment reference');
  }
  if (ref.length === 0 || ref.length > 200) throw new HttpError(400, 'bad shipment reference');
  const { shipmentAudit, tracking } = ctx.store;
  const first = await shipmentAudit.trail(ref);
  // A shipment id finds the lines that name it; its tracking code finds the carrier's (and the other way round).
  const others = [...new Set(first.flatMap((e) => [e.shipmentId, e.trackingCode]))].filter((r): r is string => r !== null && r !== ref).slice(0, 4);
  const more = (await Promise.all(others.map((r) => shipmentAudit.trail(r)))).flat();
  const entries = [...new Map([...first, ...more].map((e) => [e.id, e])).values()].sort((a, b) => a.at - b.at || a.id - b.id);
  const codes = [...new Set([ref, ...entries.map((e) => e.trackingCode)])].filter((c): c is string => c !== null);
  const events = (await Promise.all(codes.map((c) => tracking.rawEvents(c)))).flat().sort((a, b) => a.receivedAt - b.receivedAt);
  const station = (await ctx.store.ledger.shipmentFacts(ref)).map(({ stationId, entry }) => ({ stationId, ...entry }));
  return { ref, entries, station, events };
}
