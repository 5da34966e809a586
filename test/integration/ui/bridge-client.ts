import { BRIDGE_PROTOCOL, BRIDGE_TOKEN_PROTOCOL_PREFIX } from '../../../app/ipc/contract';

/** The subprotocols a bridge client offers: what the renderer sends, for `ws` clients in tests. */
export function bridgeProtocols(token: string): string[] {
  return [BRIDGE_PROTOCOL, `${BRIDGE_TOKEN_PROTOCOL_PREFIX}${token}`];
}
