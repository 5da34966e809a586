import { transportError } from './odoo-error.mapping';

/**
 * One POST to Odoo, for both of its APIs: the reply's status, text and Retry-After header (a throttling Odoo or proxy
 * in front of it says how long to wait), or the transport's failure as NETWORK or TIMEOUT (a request that got no
 * answer). What the status and text mean is each API's business.
 */
export async function postToOdoo(
  url: URL,
  req: { headers: Record<string, string>; body: string; timeoutMs: number; what: string; secrets: readonly string[] },
): Promise<{ ok: boolean; status: number; text: string; retryAfter: string | null }> {
  try {
    const response = await fetch(url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(req.timeoutMs) });
    return { ok: response.ok, status: response.status, text: await response.text(), retryAfter: response.headers.get('retry-after') };
  } catch (cause) {
    throw transportError(cause, req.what, req.timeoutMs, req.secrets);
  }
}
