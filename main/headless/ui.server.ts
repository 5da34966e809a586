import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { BRIDGE_TOKEN_FRAGMENT, channels } from '../../app/ipc/contract';
import { silentLogSink } from '../../app/ports';
import {
  bearerToken,
  hostForUrl,
  isAllowedHost,
  isAllowedWsOrigin,
  isLoopbackHost,
  newBridgeToken,
  securityHeaders,
  tokenMatches,
  upgradeToken,
} from './http-guard';
import { lookupStatic } from './static-files';
import { createWsBridge } from './ws-bridge.server';
import type { UiServer, UiServerLog, UiServerOptions } from './ui-server.types';

export type { UiServer, UiServerLog, UiServerOptions } from './ui-server.types';

const silentLog: UiServerLog = silentLogSink;

/** Host header values are reflected into the CSP; anything but a plain authority must not reach a header. */
const SAFE_AUTHORITY = /^[A-Za-z0-9.\-:[\]]+$/;

/**
 * The headless host's UI: the built renderer, two read-only JSON endpoints and the WebSocket bridge that speaks the
 * same IPC contract as Electron's preload.
 */
export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  const allowRemote = opts.allowRemote ?? false;
  if (!allowRemote && !isLoopbackHost(opts.host)) {
    throw new Error(`refusing to serve the station UI on non-loopback host ${opts.host} (set allowRemote to override)`);
  }
  if (!existsSync(join(opts.staticDir, 'index.html'))) {
    throw new Error(`renderer build not found in ${opts.staticDir} (run npm run build:renderer)`);
  }
  const log = opts.log ?? silentLog;
  const bridge = createWsBridge(opts.core, log);
  const token = opts.token ?? newBridgeToken();

  let boundPort = 0;
  const headersFor = (req: IncomingMessage) => {
    const authority = req.headers.host && SAFE_AUTHORITY.test(req.headers.host) ? req.headers.host : null;
    const wsOrigins = new Set([`ws://${hostForUrl(opts.host)}:${boundPort}`]);
    if (authority) wsOrigins.add(`ws://${authority}`);
    return securityHeaders([...wsOrigins]);
  };

  const server = createServer((req, res) => {
    handleHttp(req, res, { ...opts, token }, headersFor(req), allowRemote).catch((err: unknown) => {
      log.error({ err: err instanceof Error ? err.message : String(err), url: req.url }, 'ui request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' }, headersFor(req));
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://station').pathname;
    if (path !== '/ws' || !isAllowedHost(req, allowRemote) || !isAllowedWsOrigin(req)) {
      log.warn({ url: req.url, origin: req.headers.origin, host: req.headers.host }, 'ui websocket upgrade refused');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    // Any local process can reach loopback; only a page opened from the printed link knows the token.
    if (!tokenMatches(token, upgradeToken(req))) {
      log.warn({ url: req.url, origin: req.headers.origin }, 'ui websocket upgrade refused: missing or wrong bridge token');
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  const url = `http://${hostForUrl(opts.host)}:${boundPort}`;
  log.info({ url }, 'station UI listening');

  return {
    url,
    openUrl: `${url}/#${BRIDGE_TOKEN_FRAGMENT}=${token}`,
    token,
    port: boundPort,
    close: async () => {
      await bridge.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  opts: UiServerOptions & { token: string },
  headers: Record<string, string>,
  allowRemote: boolean,
): Promise<void> {
  if (!isAllowedHost(req, allowRemote)) return sendText(res, 421, 'misdirected request', headers);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'method not allowed', { ...headers, Allow: 'GET, HEAD' });
  }
  const path = new URL(req.url ?? '/', 'http://station').pathname;

  if (path === '/api/status' || path === '/api/view') {
    // Status is for monitoring and holds no personal data; the view names the customer being packed for.
    if (path === '/api/view' && !tokenMatches(opts.token, bearerToken(req))) {
      return sendJson(res, 401, { error: 'bridge token required (Authorization: Bearer <token>)' }, headers);
    }
    const channel = path === '/api/status' ? 'station:status' : 'packing:view';
    try {
      const result = channels[channel].res.parse(await opts.core.handle(channel, undefined));
      return sendJson(res, 200, result, headers);
    } catch (err) {
      return sendJson(res, 503, { error: err instanceof Error ? err.message : String(err) }, headers);
    }
  }
  if (path.startsWith('/api/')) return sendJson(res, 404, { error: 'not found' }, headers);
  // Open, like /api/status: a scraper cannot know the bridge token (new on every start, printed only to the operator),
  // the server answers on loopback only with its Host check, and the series hold counts and timings, nothing personal.
  if (path === '/metrics' && opts.metrics) return sendMetrics(res, opts.metrics, headers);

  return sendStatic(req, res, opts.staticDir, path, headers);
}

/** A file of the built renderer (GET or HEAD), or the refusal `lookupStatic` chose. */
export async function sendStatic(req: IncomingMessage, res: ServerResponse, staticDir: string, path: string, headers: Record<string, string>): Promise<void> {
  const found = await lookupStatic(staticDir, path);
  if ('error' in found) return sendText(res, found.error, found.error === 400 ? 'bad request' : 'not found', headers);
  res.writeHead(200, {
    ...headers,
    'Content-Type': found.contentType,
    'Content-Length': String(found.body.length),
    'Cache-Control': found.cacheControl,
  });
  res.end(req.method === 'HEAD' ? undefined : found.body);
}

async function sendMetrics(res: ServerResponse, scrape: NonNullable<UiServerOptions['metrics']>, headers: Record<string, string>): Promise<void> {
  const { contentType, body } = await scrape();
  res.writeHead(200, { ...headers, 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store' });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
