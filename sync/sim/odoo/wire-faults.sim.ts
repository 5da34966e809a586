import type { IncomingMessage, ServerResponse } from 'node:http';
import { OdooFault, type FaultKind } from './odoo-fault.sim';

type Match = { model?: string; method?: string };

/** The faults a test asked for (`failNext`): the next `left` matching requests meet `kind`. */
export class FaultPlan {
  private plan: { left: number; kind: FaultKind; match?: Match } = { left: 0, kind: 'http500' };

  set(n: number, kind: FaultKind, match?: Match): void {
    this.plan = { left: n, kind, ...(match ? { match } : {}) };
  }

  /** `call`: the object call a request makes (model, method), or null for `common`/`db` services. */
  take(call: { model: string; method: string } | null): FaultKind | null {
    const f = this.plan;
    if (f.left <= 0) return null;
    if (f.match && (!call || (f.match.model && f.match.model !== call.model) || (f.match.method && f.match.method !== call.method))) return null;
    f.left -= 1;
    return f.kind;
  }
}

/** The faults that strike before the call is applied (Odoo rolls back): answered here, on the transport's wire. */
export function failedEarly(res: ServerResponse, fault: FaultKind | null, model: string, wire: (error: OdooFault) => { status: number; contentType: string; body: string }): boolean {
  const error = fault ? OdooFault.injected(fault, model) : null;
  const reply = fault === 'http500' ? { status: 500, contentType: 'text/html', body: '<h1>Internal Server Error</h1>' } : error ? wire(error) : null;
  if (reply) res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body);
  return reply !== null;
}

/** Sends a reply of a call that was applied: `drop` and `malformed` lose or garble it on its way back. */
export function deliverReply(req: IncomingMessage, res: ServerResponse, fault: FaultKind | null, contentType: string, body: string): void {
  if (fault === 'drop') {
    req.socket.destroy();
    return;
  }
  // Cut short of its end, so even a bare `[]` from JSON-2 no longer parses.
  res.writeHead(200, { 'content-type': contentType }).end(fault === 'malformed' ? body.slice(0, Math.min(24, body.length - 1)) : body);
}
