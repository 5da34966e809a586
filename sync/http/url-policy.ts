import { StationError } from '../../app/domain/errors';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.test(hostname);

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
