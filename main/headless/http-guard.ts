import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
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
