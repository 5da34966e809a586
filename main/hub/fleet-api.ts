import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../../app/domain/errors';
import { LoginRequestSchema, type Me } from '../../app/hub/fleet-api.schema';
import type { HubRole } from '../../app/hub/fleet.schema';
import type { HubUser } from '../../app/hub/hub.ports';
import { LoginThrottle } from '../../app/hub/login-throttle';
import { isAllowedWsOrigin, securityHeaders } from '../headless/http-guard';
import { sendJson, sendStatic, sendText } from '../headless/ui.server';
import { EXCEPTION_ROUTES } from './exceptions-api';
import { closeFleetSession } from './fleet-namespace';
import { HOUR_MS } from './fleet-view';
import { HttpError, SESSION_COOKIE, cookieValue, readBody, sendError, sessionCookie } from './hub-http';
import type { HubContext } from './hub-context';
import { commandStation, hasRole, tokenAction } from './station-actions';

/** The fleet view's socket.io link may use ws: or wss: to this same host; nothing else is loaded from anywhere. */
const HEADERS = securityHeaders(['ws:', 'wss:']);

type Handler = (ctx: HubContext, req: IncomingMessage, res: ServerResponse, url: URL, params: string[]) => Promise<unknown>;
interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  handle: Handler;
}

const STATION = '([^/]{1,300})';

/** A handler that needs a logged-in user with at least `role` (refusals of station actions are audited there instead). */
const as = (role: HubRole, fn: (ctx: HubContext, user: HubUser, req: IncomingMessage, url: URL, params: string[], res: ServerResponse) => Promise<unknown>): Handler =>
  async (ctx, req, res, url, params) => {
    const user = await currentUser(ctx, req);
    if (!hasRole(user, role)) throw new HttpError(403, `${role} role required (you are ${user.role})`);
    return fn(ctx, user, req, url, params, res);
  };

const ROUTES: Route[] = [
  { method: 'POST', path: /^\/api\/login$/, handle: login },
  { method: 'POST', path: /^\/api\/logout$/, handle: logout },
  { method: 'GET', path: /^\/api\/me$/, handle: as('viewer', async (_c, user): Promise<Me> => ({ username: user.username, role: user.role })) },
  { method: 'GET', path: /^\/api\/fleet$/, handle: as('viewer', (ctx) => ctx.fleet.snapshot(ctx.hubId)) },
  { method: 'GET', path: /^\/api\/charts$/, handle: as('viewer', charts) },
  // Role checks of station actions happen after the body is read, so a refusal is audited with what was asked.
  { method: 'POST', path: new RegExp(`^/api/stations/${STATION}/commands$`), handle: as('viewer', (ctx, user, req, _u, [id]) => commandStation(ctx, user, stationId(id), req)) },
  { method: 'POST', path: new RegExp(`^/api/stations/${STATION}/token$`), handle: as('viewer', (ctx, user, req, _u, [id]) => tokenAction(ctx, user, stationId(id), req)) },
  { method: 'GET', path: /^\/api\/audit$/, handle: as('supervisor', audit) },
  { method: 'GET', path: /^\/api\/tokens$/, handle: as('admin', async (ctx) => ({ tokens: await ctx.store.tokens.list() })) },
  ...EXCEPTION_ROUTES.map((r): Route => ({ method: r.method, path: r.path, handle: as(r.role, r.handle) })),
];

/** The hub's HTTP requests other than socket.io's: the fleet API under /api/, the built fleet view elsewhere. */
export function fleetHttpHandler(ctx: HubContext, staticDir: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, staticDir, req, res).catch((err: unknown) => {
      const known = err instanceof HttpError ? err : null;
      if (!known) ctx.log.error({ err, url: req.url }, 'fleet request failed');
      if (res.headersSent) return res.destroy();
      sendError(res, known ?? new HttpError(502, errorMessage(err)), HEADERS);
    });
  };
}

async function handle(ctx: HubContext, staticDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hub');
  if (!url.pathname.startsWith('/api/')) return serveFleetView(req, res, staticDir, url.pathname);
  const route = ROUTES.find((r) => r.path.test(url.pathname));
  if (!route) throw new HttpError(404, 'not found');
  if (route.method !== req.method) throw new HttpError(405, `use ${route.method}`);
  // Browsers send Origin on every cross-site POST, as on WebSocket upgrades: the same check refuses both.
  if (req.method === 'POST' && !isAllowedWsOrigin(req)) throw new HttpError(403, 'cross-site request refused');
  const params = route.path.exec(url.pathname)?.slice(1) ?? [];
  const body = await route.handle(ctx, req, res, url, params);
  if (!res.headersSent) sendJson(res, 200, body, HEADERS);
}

function serveFleetView(req: IncomingMessage, res: ServerResponse, staticDir: string, path: string): Promise<void> | void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed', { ...HEADERS, Allow: 'GET, HEAD' });
  // Only the fleet view and its assets: the station's own UI, built into the same folder, has no business here.
  if (path === '/' || path === '/fleet.html') return sendStatic(req, res, staticDir, '/fleet.html', HEADERS);
  if (path.startsWith('/assets/')) return sendStatic(req, res, staticDir, path, HEADERS);
  return sendText(res, 404, 'not found', HEADERS);
}

function stationId(raw: string | undefined): string {
  let id: string;
  try {
    id = decodeURIComponent(raw ?? '');
  } catch {
    throw new HttpError(400, 'bad station id');
  }
  if (id.length === 0 || id.length > 100) throw new HttpError(400, 'bad station id');
  return id;
}

async function currentUser(ctx: HubContext, req: IncomingMessage): Promise<HubUser> {
  const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
  const user = token ? await ctx.store.users.session(token, ctx.clock.now()) : null;
  if (!user) throw new HttpError(401, 'log in first');
  return user;
}

const throttles = new WeakMap<HubContext, LoginThrottle>();

async function login(ctx: HubContext, req: IncomingMessage, res: ServerResponse): Promise<Me> {
  const { username, password } = await readBody(req, LoginRequestSchema);
  const throttle = throttles.get(ctx) ?? new LoginThrottle();
  throttles.set(ctx, throttle);
  const key = `${username.toLowerCase()}|${req.socket.remoteAddress ?? ''}`;
  const waitMs = throttle.waitMs(key, ctx.clock.now());
  if (waitMs > 0) {
    ctx.log.warn({ username }, 'fleet login refused: too many wrong passwords');
    throw new HttpError(429, `too many wrong passwords: try again in ${Math.ceil(waitMs / 60_000)} min`);
  }
  const user = await ctx.store.users.authenticate(username, password);
  if (!user) {
    throttle.failed(key, ctx.clock.now());
    ctx.log.warn({ username }, 'fleet login refused');
    throw new HttpError(401, 'wrong username or password');
  }
  throttle.succeeded(key);
  const ttlMs = ctx.config.sessionHours * HOUR_MS;
  const token = await ctx.store.users.openSession(user.username, ctx.clock.now(), ttlMs);
  res.setHeader('Set-Cookie', sessionCookie(token, Math.floor(ttlMs / 1000), ctx.config.tls !== undefined));
  ctx.log.info({ username: user.username }, 'fleet login');
  return { username: user.username, role: user.role };
}

async function logout(ctx: HubContext, req: IncomingMessage, res: ServerResponse): Promise<object> {
  const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (token) await Promise.all([ctx.store.users.closeSession(token), closeFleetSession(ctx, token)]);
  res.setHeader('Set-Cookie', sessionCookie('', 0, ctx.config.tls !== undefined));
  return {};
}

function boundedInt(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new HttpError(400, `${name} must be a whole number from 1 to ${max}`);
  return n;
}

async function charts(ctx: HubContext, _user: HubUser, _req: IncomingMessage, url: URL): Promise<unknown> {
  const hours = boundedInt(url, 'hours', 12, 72);
  const since = ctx.clock.now() - hours * HOUR_MS;
  const [hourly, lag] = await Promise.all([ctx.store.ledger.hourly(since), ctx.store.reports.lag(since)]);
  return { hours, hourly, lag };
}

async function audit(ctx: HubContext, _user: HubUser, _req: IncomingMessage, url: URL): Promise<unknown> {
  const limit = boundedInt(url, 'limit', 100, 1000);
  const station = url.searchParams.get('stationId') ?? undefined;
  return { entries: await ctx.store.audit.list(limit, station) };
}
