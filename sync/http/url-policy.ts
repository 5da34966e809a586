import { isIP } from 'node:net';
import { StationError } from '../../app/domain/errors';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** True for names and addresses that can only be reached from this machine (IPv6 literals with or without []). */
export function isLoopbackHost(host: string): boolean {
  const bare = (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host).toLowerCase();
  if (LOOPBACK_NAMES.has(bare)) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '::ffff:127.0.0.1';
  return false;
}

/**
 * Remote URLs must use TLS unless they point at this machine: API keys and customer addresses never cross a network
 * in clear text. Loopback stays allowed for the sandboxes and for a local reverse proxy.
 */
export function requireSecureUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new StationError('CONFIG', `${what}: "${raw}" is not a URL`, { cause });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new StationError('CONFIG', `${what}: ${url.protocol}//${url.host} must use https (plain http is allowed only on loopback)`);
}
