import { BRIDGE_TOKEN_FRAGMENT, type StationApi } from '../../../app/ipc/contract';
import { createWsBridge, type StationLink } from './ws-bridge';

export type { LinkState, StationLink } from './ws-bridge';

function isStationApi(value: unknown): value is StationApi {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StationApi).invoke === 'function' &&
    typeof (value as StationApi).on === 'function'
  );
}

/** Electron's preload channel cannot drop, so it is presented as a link that is always open. */
function alwaysOpen(api: StationApi): StationLink {
  return {
    link: 'open',
    invoke: (channel, req) => api.invoke(channel, req),
    on: (event, listener) => api.on(event, listener),
    onLink: () => () => {},
    close: () => {},
  };
}

function wsUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

const TOKEN_KEY = 'station.bridge-token';

/**
 * The token arrives in the fragment of the link the station printed (`/#token=…`). It moves to this tab's session
 * storage (a reload keeps working) and leaves the address bar, so it is not bookmarked, shared or left in history.
 */
function bridgeToken(): string | null {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get(BRIDGE_TOKEN_FRAGMENT);
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
    return fromLink;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

let connection: StationLink | null = null;

/** `window.station` from the Electron preload when present, else the headless host's WebSocket bridge. */
export function connectStation(): StationLink {
  if (connection) return connection;
  const injected = (window as { station?: unknown }).station;
  connection = isStationApi(injected) ? alwaysOpen(injected) : createWsBridge({ url: wsUrl(), token: bridgeToken() });
  return connection;
}

export function getStationApi(): StationApi {
  return connectStation();
}
