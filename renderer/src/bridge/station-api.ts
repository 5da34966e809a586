import type { StationApi } from '../../../app/ipc/contract';
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

let connection: StationLink | null = null;

/** `window.station` from the Electron preload when present, else the headless host's WebSocket bridge. */
export function connectStation(): StationLink {
  if (connection) return connection;
  const injected = (window as { station?: unknown }).station;
  connection = isStationApi(injected) ? alwaysOpen(injected) : createWsBridge({ url: wsUrl() });
  return connection;
}

export function getStationApi(): StationApi {
  return connectStation();
}
