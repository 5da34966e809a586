/**
 * Two hub processes behind one address: one PostgreSQL server and one Redis shared. A fleet view on hub A sees a
 * station connected to hub B, A's command reaches it through the Redis adapter, and A's revocation drops it on B.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { FleetSnapshotSchema } from '../../../app/hub/fleet-api.schema';
import { HUB_EVENTS, STATION_EVENTS, type CommandEnvelope, type CommandResult } from '../../../app/hub/hub-protocol.schema';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { stationReport } from '../../support/station-report';
import { FleetClient, connected, disconnected, refusal, startTestHub, stationSocket, type TestHub } from '../../support/hub-world';

let pg: PostgresServer;
let redis: RedisServer;
let hubA: TestHub;
let hubB: TestHub;
const sockets: Socket[] = [];

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
  const shared = { database: { url: pg.url }, redis: { url: redis.url }, heartbeatSeconds: 1, commandTimeoutMs: 3000 };
  hubA = await startTestHub({ ...shared, hubId: 'hub-a' });
  hubB = await startTestHub({ ...shared, hubId: 'hub-b' });
  await hubA.store.users.put('ada', 'admin-pass-1', 'admin', Date.now());
}, 90_000);
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await hubA?.stop();
  await hubB?.stop();
  await Promise.all([pg?.stop(), redis?.stop()]);
});

describe('two hubs, one PostgreSQL, one Redis', () => {
  it('a fleet view on A sees a station on B, commands it, and A’s revocation drops it on B', async () => {
    const ada = new FleetClient(hubA.url);
    expect((await ada.login('ada', 'admin-pass-1')).status).toBe(200);
    const issued = (await (await ada.call('POST', '/api/stations/st-far/token', { action: 'issue' })).json()) as { token: string };
    const view = ada.socket();
    sockets.push(view.socket);
    await new Promise<void>((resolve) => view.socket.once('connect', () => resolve()));

    const online = view.next((r) => r.stationId === 'st-far' && r.online);
    const station = await connected(stationSocket(hubB.url, 'st-far', issued.token));
    sockets.push(station);
    await online;
    const reported = view.next((r) => r.stationId === 'st-far' && r.status !== null);
    station.emit(STATION_EVENTS.status, stationReport('st-far', Date.now()));
    expect((await reported).status?.stationId).toBe('st-far');
    const snapshot = FleetSnapshotSchema.parse(await (await ada.call('GET', '/api/fleet')).json());
    expect(snapshot.hubId).toBe('hub-a');
    expect(snapshot.stations.find((s) => s.stationId === 'st-far')).toMatchObject({ online: true });

    station.on(HUB_EVENTS.command, (envelope: CommandEnvelope, ack: (r: CommandResult) => void) => ack({ id: envelope.id, ok: true, detail: { from: 'st-far', kind: envelope.command.kind } }));
    const res = await ada.call('POST', '/api/stations/st-far/commands', { command: { kind: 'diagnostics' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, detail: { from: 'st-far', kind: 'diagnostics' } });

    const gone = disconnected(station);
    const offline = view.next((r) => r.stationId === 'st-far' && !r.online);
    expect((await ada.call('POST', '/api/stations/st-far/token', { action: 'revoke' })).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    await offline;
    expect(await refusal(stationSocket(hubB.url, 'st-far', issued.token))).toBe('TOKEN_REVOKED');
    const audit = await hubB.store.audit.list(10, 'st-far');
    expect(audit.map((e) => [e.action, e.outcome])).toEqual([
      ['token:revoke', 'ok'],
      ['command:diagnostics', 'ok'],
      ['token:issue', 'ok'],
    ]);
  });
});
