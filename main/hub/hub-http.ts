import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { sendJson } from '../headless/ui.server';

/** An answer other than 200 (`{ error }` as the fleet API promises), thrown by a route and sent by the router. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 502,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 64 * 1024;

/** The exact bytes sent (webhook signatures are over them), refused past `max` without reading the rest. */
export async function readRawBody(req: IncomingMessage, max: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > max) throw new HttpError(413, `body over ${max} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new HttpError(413, `body over ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A body's JSON (an empty body is `null`). */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || 'null') as unknown;
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

/** The JSON body, validated: only `application/json`, which a cross-site HTML form cannot send. */
export async function readBody<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.infer<S>> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new HttpError(415, 'send application/json');
  }
  const parsed = schema.safeParse(parseJsonBody(await readRawBody(req, MAX_BODY)));
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** A cookie's value from a `Cookie` header (requests and socket.io handshakes alike). */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export const SESSION_COOKIE = 'hub_session';

/** The fleet view's login: script cannot read it, other sites never send it, HTTPS-only when the hub has TLS. */
export function sessionCookie(token: string, maxAgeS: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}

export function sendError(res: ServerResponse, error: HttpError, headers: Record<string, string>): void {
  sendJson(res, error.status, { error: error.message }, headers);
}
