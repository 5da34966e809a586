/**
 * The station's socket.io link against a real socket.io server on 127.0.0.1 that checks the handshake with the
 * protocol's schemas: reports on change and throttled, ledger batches acknowledged, the hub down or silent as an
 * out-of-reach error (never a dead letter), a refused token shown and asked again only slowly.
 */
import { expect, it } from 'vitest';
import { isUnreachable } from '../../../app/domain/errors';
import type { LedgerBatch, StationReport } from '../../../app/hub/hub-protocol.schema';
import { systemClock } from '../../../main/system-clock';
import { StationLink, type StationLinkOptions } from '../../../sync/hub/station-link';
import { cleanupAfterEach } from '../../support/cleanup';
import { HubPeer } from '../../support/hub-peer';
import { stationReport } from '../../support/station-report';
import { rejection } from '../../support/rejection';

const cleanups = cleanupAfterEach();
const TOKEN = 'tok-0123456789abcdefghijklmnop';
const T0 = 1_700_000_000_000;
const batch: LedgerBatch = { entries: [{ seq: 7, at: T0, fact: { type: 'picking.validated', pickingId: 12, pickingName: 'WH/OUT/00012' } }] };

async function hub(): Promise<HubPeer> {
  const peer = await HubPeer.start();
  peer.tokens.set('pack-01', TOKEN);
  cleanups.push(() => peer.close());
  return peer;
}

function link(url: string, overrides: Partial<StationLinkOptions> = {}): StationLink {
  const l = new StationLink({
    url,
    stationId: 'pack-01',
    version: '0.1.0',
    token: () => TOKEN,
    clock: systemClock,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    statusMinIntervalMs: 300,
    currentReport: () => stationReport('pack-01', T0),
    onCommand: () => Promise.reject(new Error('no commands here')),
    reconnectDelayMs: 100,
    reconnectDelayMaxMs: 200,
    ...overrides,
  });
  cleanups.push(() => l.stop());
  l.start();
  return l;
}

const packing = (name: string): StationReport => stationReport('pack-01', T0, { machine: { state: 'packing', message: null }, picking: { id: 1, name } });

it('passes the handshake, reports at once, then only changes and at most once per interval', async () => {
  const peer = await hub();
  const l = link(peer.url);
  await expect.poll(() => peer.reports.length).toBe(1);
  expect(peer.handshakes).toEqual([{ handshake: { stationId: 'pack-01', token: TOKEN, protocol: 1, version: '0.1.0' }, refused: null }]);
  expect(l.state()).toMatchObject({ connected: true, lastError: null, refused: null, since: expect.any(Number) });

  // A status re-pushed every second with only its time changed is no news.
  for (let i = 0; i < 5; i++) l.report({ ...stationReport('pack-01', T0), status: { ...stationReport('pack-01', T0).status, at: T0 + i * 1000 } });
  // 40 changes within ~1 s: a report per 300 ms at most, the last change last.
  const started = Date.now();
  for (let i = 1; i <= 40; i++) {
    l.report(packing(`WH/OUT/${i}`));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await expect.poll(() => peer.reports.at(-1)?.report.status.picking?.name, { timeout: 2_000 }).toBe('WH/OUT/40');
  const sent = peer.reports.slice(1);
  expect(sent.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 300) + 1);
  expect(sent.length).toBeGreaterThanOrEqual(2);
  const gaps = sent.slice(1).map((r, i) => r.receivedAt - sent[i]!.receivedAt);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
});

it('a ledger batch is acknowledged by the hub', async () => {
  const peer = await hub();
  const l = link(peer.url);
  await expect.poll(() => l.state().connected).toBe(true);
  expect(await l.sendLedger(batch)).toEqual({ ok: true, stored: 1, highestSeq: 7 });
  expect(peer.batches).toEqual([batch]);
});

it('the hub down or silent is an out-of-reach error, not an answer', async () => {
  const peer = await hub();
  const l = link(peer.url, { ackTimeoutMs: 300 });
  await expect.poll(() => l.state().connected).toBe(true);
  peer.ackLedger = false;
  const silent = await rejection(l.sendLedger(batch));
  expect(isUnreachable(silent)).toBe(true);
  expect(silent).toMatchObject({ code: 'TIMEOUT' });

  await peer.close();
  await expect.poll(() => l.state().connected).toBe(false);
  const down = await rejection(l.sendLedger(batch));
  expect(isUnreachable(down)).toBe(true);
  expect(down).toMatchObject({ code: 'NETWORK', message: expect.stringContaining('hub not connected') });
  expect(l.state().lastError).toMatch(/link lost|hub unreachable/);
});

it('reports again at once after the link came back', async () => {
  const peer = await hub();
  const l = link(peer.url);
  await expect.poll(() => peer.reports.length).toBe(1);
  peer.cut('pack-01');
  await expect.poll(() => peer.handshakes.length, { timeout: 3_000 }).toBe(2);
  await expect.poll(() => peer.reports.length).toBe(2);
  expect(l.state().connected).toBe(true);
});

it('a refused token is shown and asked again only slowly, with the token held by then', async () => {
  const peer = await hub();
  peer.revoked.add(TOKEN);
  const slow = link(peer.url);
  await expect.poll(() => slow.state().refused).toBe('TOKEN_REVOKED');
  expect(slow.state()).toMatchObject({ connected: false, lastError: 'the hub refused the station: TOKEN_REVOKED' });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(peer.handshakes).toHaveLength(1);
  await slow.stop();

  // With a short retry: the hub issues a new token, the station gets it, the next attempt uses it and connects.
  let token = TOKEN;
  const quick = link(peer.url, { refusedRetryMs: 400, token: () => token });
  await expect.poll(() => quick.state().refused).toBe('TOKEN_REVOKED');
  const fresh = 'tok-new-0123456789abcdefghijkl';
  peer.tokens.set('pack-01', fresh);
  token = fresh;
  await expect.poll(() => quick.state().connected, { timeout: 3_000 }).toBe(true);
  expect(peer.handshakes.at(-1)).toEqual({ handshake: expect.objectContaining({ token: fresh }), refused: null });
  expect(quick.state()).toMatchObject({ refused: null, lastError: null });
});

it('refuses a hub url in clear text off loopback', () => {
  expect(() => link('http://hub.example.com')).toThrow(/must use https/);
});

it('a command the station does not know is answered with the reason, the others reach the station', async () => {
  const peer = await hub();
  const seen: string[] = [];
  const l = link(peer.url, { onCommand: (e) => (seen.push(e.command.kind), Promise.resolve({ id: e.id, ok: true })) });
  await expect.poll(() => l.state().connected).toBe(true);
  const unknown = { id: 'c-1', by: 'ana', command: { kind: 'station.reboot' } } as unknown as Parameters<HubPeer['command']>[1];
  expect(await peer.command('pack-01', unknown)).toMatchObject({ id: 'c-1', ok: false, error: expect.stringContaining('invalid command') });
  expect(await peer.command('pack-01', { id: 'c-2', by: 'ana', command: { kind: 'station.resume' } })).toEqual({ id: 'c-2', ok: true });
  expect(seen).toEqual(['station.resume']);
});
