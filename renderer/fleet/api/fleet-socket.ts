import { io } from 'socket.io-client';
import { FLEET_EVENTS, FleetStationSchema, type FleetStation } from '../../../app/hub/fleet.schema';
import { FLEET_NAMESPACE } from '../../../app/hub/hub-protocol.schema';

export type LiveState = 'connecting' | 'open' | 'closed';

export interface FleetFeed {
  close(): void;
}

/**
 * The hub's live feed of station rows (`/fleet`, the session cookie authenticates it). Every (re)connect calls
 * `onOpen` so the caller reads the whole snapshot again: rows pushed while the socket was down are lost.
 */
export function openFleetFeed(handlers: { onRow(row: FleetStation): void; onState(state: LiveState): void; onOpen(): void }): FleetFeed {
  const socket = io(FLEET_NAMESPACE, { withCredentials: true, transports: ['websocket', 'polling'] });
  handlers.onState('connecting');
  socket.on('connect', () => {
    handlers.onState('open');
    handlers.onOpen();
  });
  socket.on('disconnect', () => handlers.onState('closed'));
  socket.on('connect_error', () => handlers.onState('closed'));
  socket.on(FLEET_EVENTS.station, (raw: unknown) => {
    const row = FleetStationSchema.safeParse(raw);
    if (row.success) handlers.onRow(row.data);
  });
  return { close: () => void socket.close() };
}
