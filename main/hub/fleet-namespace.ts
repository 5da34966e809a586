import { createHash } from 'node:crypto';
import { FLEET_NAMESPACE } from '../../app/hub/hub-protocol.schema';
import { isAllowedWsOrigin } from '../headless/http-guard';
import { cookieValue, SESSION_COOKIE } from './hub-http';
import type { HubContext } from './hub-context';

/**
 * The `/fleet` namespace pushes station rows to logged-in fleet views only: the same session cookie as the HTTP
 * API, and (browsers do not apply same-origin rules to WebSockets) a page of another site is refused by its Origin.
 */
export function attachFleetNamespace(ctx: HubContext): void {
  ctx.io.of(FLEET_NAMESPACE).use((socket, next) => {
    if (!isAllowedWsOrigin(socket.request)) return next(new Error('ORIGIN'));
    const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
    if (!token) return next(new Error('UNAUTHENTICATED'));
    ctx.store.users.session(token, ctx.clock.now()).then(
      (user) => {
        if (!user) return next(new Error('UNAUTHENTICATED'));
        socket.data.user = user;
        socket.data.session = sessionTag(token);
        next();
      },
      (err: unknown) => {
        ctx.log.error({ err }, 'fleet session check failed');
        next(new Error('UNAUTHENTICATED'));
      },
    );
  });
}

/** Names a session without carrying it: socket data travels between hubs through Redis. */
const sessionTag = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** A logged-out session's fleet sockets close at once, on whichever hub they are. */
export async function closeFleetSession(ctx: HubContext, token: string): Promise<void> {
  const tag = sessionTag(token);
  const sockets = await ctx.io.of(FLEET_NAMESPACE).fetchSockets();
  for (const socket of sockets) if ((socket.data as { session?: string }).session === tag) socket.disconnect(true);
}
