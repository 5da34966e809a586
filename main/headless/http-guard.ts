import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { BRIDGE_PROTOCOL, BRIDGE_TOKEN_PROTOCOL_PREFIX } from '../../app/ipc/contract';
import { isLoopbackHost } from '../../sync/http/url-policy';

export { isLoopbackHost };

/** Wraps IPv6 literals so they can be put in a URL authority. */
export function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** Hostname part of a Host header ("localhost:8080", "[::1]:80"), or null when it is malformed. */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return null;
  }
}

/**
 * A loopback-only server must still refuse requests whose Host header names another site: that is how a DNS
 * rebinding page would reach the station's scan and status endpoints from the packer's own browser.
 */
export function isAllowedHost(req: IncomingMessage, allowRemote: boolean): boolean {
  if (allowRemote) return true;
  const hostname = hostnameOf(req.headers.host);
  return hostname !== null && isLoopbackHost(hostname);
}

/**
 * Browsers always send Origin on WebSocket upgrades and do not apply same-origin rules to them, so a page from any
 * site could drive the station unless the origin is checked. Non-browser clients (tests, tools) send none.
 */
export function isAllowedWsOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The headers every response carries; the CSP forbids inline script and style, external hosts and framing. */
export function securityHeaders(wsOrigins: readonly string[]): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src 'self' ${wsOrigins.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * The bridge token: loopback is shared by every local user and process, so being on 127.0.0.1 proves nothing. 256
 * random bits per start, handed out only in the link the station prints to its own operator (stdout, not a file).
 */
export function newBridgeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal, so a wrong length leaks nothing either. */
export function tokenMatches(expected: string, presented: string | null): boolean {
  if (presented === null) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The subprotocols a WebSocket upgrade offers (`Sec-WebSocket-Protocol: a, b`). */
function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return header ? header.split(',').map((p) => p.trim()) : [];
}

/** The token offered as a `station.token.<token>` subprotocol next to `station.v1`, or null. */
export function upgradeToken(req: IncomingMessage): string | null {
  const offered = offeredProtocols(req);
  if (!offered.includes(BRIDGE_PROTOCOL)) return null;
  const carrier = offered.find((p) => p.startsWith(BRIDGE_TOKEN_PROTOCOL_PREFIX));
  return carrier ? carrier.slice(BRIDGE_TOKEN_PROTOCOL_PREFIX.length) : null;
}

/** `Authorization: Bearer <token>` on plain HTTP requests (tools, tests), or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match ? match[1]! : null;
}
