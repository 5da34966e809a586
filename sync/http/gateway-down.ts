/**
 * A reverse proxy's answers when the server behind it is down or restarting (Odoo.sh, nginx, a load balancer, a
 * carrier platform's edge): the remote is out of reach, not refusing the request.
 */
export const GATEWAY_DOWN: ReadonlySet<number> = new Set([502, 503, 504]);
