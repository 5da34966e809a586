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
        next();
      },
      (err: unknown) => {
        ctx.log.error({ err }, 'fleet session check failed');
        next(new Error('UNAUTHENTICATED'));
      },
    );
  });
}
