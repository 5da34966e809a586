/**
 * What stations feed into the hub's background work, through a real hub (PGlite) and real socket.io stations: their
 * own exceptions (dead letters, the carrier exception queue) kept in the fleet's queues as reports change, and the
 * labels they buy registered for tracking with their picking.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { LedgerAckSchema, STATION_EVENTS } from '../../../app/hub/hub-protocol.schema';
import { stationReport } from '../../support/station-report';
import { connected, startTestHub, stationSocket, type TestHub } from '../../support/hub-world';

let hub: TestHub;
let station: Socket;

beforeAll(async () => {
  hub = await startTestHub({ reconciliation: { enabled: false } });
  const token = await hub.store.tokens.issue('st-feed', Date.now());
  station = await connected(stationSocket(hub.url, 'st-feed', token));
}, 60_000);
afterAll(async () => {
  station?.disconnect();
  await hub?.stop();
});

const letter = { id: 41, eventId: 410, target: 'odoo', orderKey: 'picking:77', reason: 'UserError: the picking is cancelled', at: Date.now() };
const open = () => hub.store.exceptions.list({ kind: 'station_exception', stationId: 'st-feed', states: ['open', 'in_progress'] });

describe("a station's own exceptions in the fleet's queues", () => {
  it('opens one per dead letter and carrier exception queue, and resolves each once the station no longer lists it', async () => {
    station.emit(STATION_EVENTS.status, stationReport('st-feed', Date.now(), { deadLetters: [letter], carrierExceptions: { open: 2 } }));
    await vi.waitFor(async () => expect((await open()).map((e) => e.key).sort()).toEqual(['station_exception:st-feed:carrier-exceptions', 'station_exception:st-feed:dead-letter:41']), { timeout: 10_000 });
    const deadLetter = (await open()).find((e) => e.key.endsWith(':41'));
    expect(deadLetter).toMatchObject({ severity: 'critical', pickingId: 77, source: 'station' });

    // The same report again touches nothing; the dead letter replayed at the station resolves it at the hub.
    station.emit(STATION_EVENTS.status, stationReport('st-feed', Date.now(), { deadLetters: [letter], carrierExceptions: { open: 2 } }));
    station.emit(STATION_EVENTS.status, stationReport('st-feed', Date.now(), { deadLetters: [], carrierExceptions: { open: 2 } }));
    await vi.waitFor(async () => expect((await open()).map((e) => e.key)).toEqual(['station_exception:st-feed:carrier-exceptions']), { timeout: 10_000 });
    const resolved = await hub.store.exceptions.get(deadLetter?.id ?? -1);
    expect(resolved).toMatchObject({ state: 'resolved', reason: expect.stringContaining('no longer at the station') });
    expect(resolved?.history.filter((h) => h.action === 'opened')).toHaveLength(1);
  });
});

describe('labels bought at a station', () => {
  it('become tracked shipments with their picking and station, once however often the batch is uploaded', async () => {
    const batch = {
      entries: [
        { seq: 1, at: Date.now(), fact: { type: 'label.bought', pickingId: 12, pickingName: 'WH/OUT/00012', parcelIndex: 1, shipmentId: 'shp_feed1', trackingCode: '9400FEED1', carrier: 'USPS', service: 'Priority', price: 7.5, currency: 'USD', isReturn: false } },
        { seq: 2, at: Date.now(), fact: { type: 'label.printed', pickingId: 12, pickingName: 'WH/OUT/00012', parcelIndex: 1 } },
      ],
    };
    expect(LedgerAckSchema.parse(await station.emitWithAck(STATION_EVENTS.ledger, batch))).toMatchObject({ ok: true, stored: 2 });
    expect(LedgerAckSchema.parse(await station.emitWithAck(STATION_EVENTS.ledger, batch))).toMatchObject({ ok: true, stored: 0 });
    expect(await hub.store.tracking.get('9400FEED1')).toMatchObject({ platform: 'easypost', shipmentId: 'shp_feed1', stationId: 'st-feed', pickingId: 12, pickingName: 'WH/OUT/00012', status: 'unknown' });
  });
});
