/**
 * Supervisors' commands through the hub, end to end on a real station (simulated devices, Odoo and carrier sandboxes,
 * a real SQLite file) linked to a socket.io hub on 127.0.0.1: dead letters replayed and discarded with the hub user's
 * name and reason, a pause that refuses new pickings and survives a restart, diagnostics without any secret, and a
 * rotated token kept 0600 and used on the next connection.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { DiagnosticsBundleSchema } from '../../../app/hub/diagnostics.schema';
import type { CommandEnvelope, HubCommand } from '../../../app/hub/hub-protocol.schema';
import { createStation, type Station } from '../../../main/bootstrap';
import type { ResolvedConfig } from '../../../main/config/load-config';
import { startDemoWorld, type DemoWorld } from '../../../main/demo/demo.world';
import type { DemoOrder } from '../../../main/demo/simulated-packer';
import { waitForSnapshot } from '../../../main/demo/wait-for';
import { createLog } from '../../../main/log';
import { realClock } from '../../support/real-clock';
import { HUB_TOKEN_FILE } from '../../../main/wiring/hub.wiring';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { DeadLetterStore } from '../../../sync/outbox/dead-letters.store';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { cleanupAfterEach } from '../../support/cleanup';
import { HubPeer } from '../../support/hub-peer';

const cleanups = cleanupAfterEach();
const TOKEN = 'tok-0123456789abcdefghijklmnop';
let commandSeq = 0;
const envelope = (command: HubCommand, by = 'ana', reason?: string): CommandEnvelope => ({ id: `cmd-${++commandSeq}`, by, ...(reason ? { reason } : {}), command });

interface Linked {
  world: DemoWorld;
  peer: HubPeer;
  config: ResolvedConfig;
  log: ReturnType<typeof createLog>;
  stationId: string;
  start(): Promise<Station>;
}

async function linkedWorld(): Promise<Linked> {
  const peer = await HubPeer.start();
  cleanups.push(() => peer.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'station-hub-'));
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0, dataDir });
  cleanups.push(world.close);
  const config: ResolvedConfig = { ...world.config, hub: { url: peer.url, token: TOKEN, statusMinIntervalMs: 200 } };
  peer.tokens.set(config.stationId, TOKEN);
  // Log lines go nowhere but into the process's ring, which the diagnostics bundle reads.
  const log = createLog({ level: 'info', destination: new Writable({ write: (_chunk, _enc, done) => done() }) });
  const start = async () => {
    const station = createStation(config, { log });
    cleanups.push(() => station.stop());
    await station.start();
    await expect.poll(() => peer.connected(config.stationId), { timeout: 5_000 }).toBe(true);
    return station;
  };
  return { world, peer, config, log, stationId: config.stationId, start };
}

it('pause refuses a new picking (the one in progress goes on), is reported, survives a restart; resume lifts it', async () => {
  const linked = await linkedWorld();
  const { peer, world, stationId } = linked;
  let station = await linked.start();
  const [first, second] = world.odoo.createPickings(2) as DemoOrder[];
  expect(await station.core.handle('packing:scan', { code: first!.name })).toMatchObject({ accepted: true });
  await waitForSnapshot(station.actor, (s) => s.matches('packing'), 10_000, 'the first picking to load');

  expect(await peer.command(stationId, envelope({ kind: 'station.pause', reason: 'stock count' }))).toMatchObject({ ok: true });
  await expect.poll(() => peer.reportsOf(stationId).at(-1)?.paused).toMatchObject({ by: 'ana', reason: 'stock count' });
  // The picking on the bench may be finished: its item scans still count.
  expect(await station.core.handle('packing:scan', { code: first!.lines[0]!.barcode })).toMatchObject({ accepted: true });
  station.actor.send({ type: 'COMMAND', action: 'cancel' });
  await waitForSnapshot(station.actor, (s) => s.matches('idle'), 5_000, 'the bench to be free');
  expect(await station.core.handle('packing:scan', { code: second!.name })).toEqual({ accepted: false, outcome: 'refused', reason: 'Paused by ana: stock count' });

  await station.stop();
  station = await linked.start();
  expect(await station.core.handle('packing:scan', { code: second!.name })).toEqual({ accepted: false, outcome: 'refused', reason: 'Paused by ana: stock count' });
  await expect.poll(() => peer.reportsOf(stationId).at(-1)?.paused?.by).toBe('ana');

  expect(await peer.command(stationId, envelope({ kind: 'station.resume' }, 'bo'))).toMatchObject({ ok: true, detail: { resumed: { by: 'ana', reason: 'stock count' } } });
  await expect.poll(() => peer.reportsOf(stationId).at(-1)?.paused).toBeNull();
  expect(await station.core.handle('packing:scan', { code: second!.name })).toMatchObject({ accepted: true });
  await waitForSnapshot(station.actor, (s) => s.matches('packing'), 10_000, 'the second picking to load');
}, 40_000);

it('dead letters are replayed and discarded through the hub, audited with the hub user and reason', async () => {
  const linked = await linkedWorld();
  const { peer, stationId, config } = linked;
  // Two events that died in an earlier run (a picking Odoo no longer has).
  const db = openStationDb(join(config.dataDir, 'station.db'));
  const outbox = new OutboxStore(db, realClock);
  const [replayed, discarded] = [12, 13].map((id) => outbox.markDead(outbox.enqueue('odoo', `picking:${id}`, { type: 'picking.validate', pickingId: id }), 'NOT_FOUND: gone')!);
  closeStationDb(db);
  const station = await linked.start();
  expect(station.status().deadLetters.map((d) => d.id).sort()).toEqual([replayed, discarded]);

  const replay = await peer.command(stationId, envelope({ kind: 'dead-letters.replay', ids: [replayed!] }, 'ana', 'lot created in Odoo'));
  expect(replay).toMatchObject({ ok: true, detail: { replayed: [replayed], refused: [] } });
  const discard = await peer.command(stationId, envelope({ kind: 'dead-letters.discard', id: discarded!, reason: 'picking deleted in Odoo' }, 'bo'));
  expect(discard).toMatchObject({ ok: true, detail: { discarded } });
  const again = await peer.command(stationId, envelope({ kind: 'dead-letters.discard', id: discarded!, reason: 'twice' }, 'bo'));
  expect(again).toMatchObject({ ok: false, error: expect.any(String) });

  const readDb = openStationDb(join(config.dataDir, 'station.db'));
  const trail = new DeadLetterStore(readDb, realClock).auditTrail();
  closeStationDb(readDb);
  expect(trail.map((e) => [e.deadLetterId, e.action, e.who, e.reason, e.via])).toEqual(
    expect.arrayContaining([
      [replayed, 'replay', 'ana', 'lot created in Odoo', 'hub'],
      [discarded, 'discard', 'bo', 'picking deleted in Odoo', 'hub'],
    ]),
  );
}, 30_000);

it('diagnostics: versions, uptime, devices, config and recent log lines, and not one secret', async () => {
  const linked = await linkedWorld();
  const { peer, stationId, config } = linked;
  await linked.start();
  // A careless line that carries secrets under keys the logger does not censor: the bundle masks them by value.
  linked.log.warn({ note: `odoo ${config.odoo.apiKey} carrier ${config.carrier.apiKey} hub ${TOKEN}` }, 'careless line');
  const result = await peer.command(stationId, envelope({ kind: 'diagnostics' }));
  expect(result.ok).toBe(true);
  const bundle = DiagnosticsBundleSchema.parse(result.detail);
  expect(bundle).toMatchObject({ stationId, versions: { station: expect.any(String), node: process.versions.node } });
  expect(bundle.devices.map((d) => [d.role, d.address])).toEqual([
    ['scale', config.scale.path],
    ['scanner', config.scanner.path],
    ['labelPrinter', config.labelPrinter.url],
  ]);
  expect(bundle.config).toMatchObject({ odoo: { apiKey: '[secret]', url: config.odoo.url }, carrier: { apiKey: '[secret]' }, hub: { token: '[secret]' } });
  expect(bundle.logs.some((line) => line.includes('station started'))).toBe(true);
  expect(bundle.logs.find((line) => line.includes('careless line'))).toContain('"note":"odoo [secret] carrier [secret] hub [secret]"');
  const json = JSON.stringify(bundle);
  for (const secret of [config.odoo.apiKey, config.carrier.apiKey, TOKEN]) expect(json).not.toContain(secret);
}, 30_000);

it('a rotated token is kept 0600 in the data folder and used from the next connection on, also after a restart', async () => {
  const linked = await linkedWorld();
  const { peer, stationId, config } = linked;
  let station = await linked.start();
  const fresh = 'tok-rotated-abcdefghijklmnopqrstu';
  expect(await peer.command(stationId, envelope({ kind: 'token.rotate', token: fresh }, 'ana'))).toMatchObject({ ok: true, detail: { stored: true } });
  const file = join(config.dataDir, HUB_TOKEN_FILE);
  expect(readFileSync(file, 'utf8').trim()).toBe(fresh);
  expect(statSync(file).mode & 0o777).toBe(0o600);

  // The hub switches to the new token and the network drops: the station comes back with it.
  peer.tokens.set(stationId, fresh);
  peer.revoked.add(TOKEN);
  peer.cut(stationId);
  await expect.poll(() => peer.handshakes.at(-1)?.handshake.token, { timeout: 5_000 }).toBe(fresh);
  await expect.poll(() => station.status().hub?.connected, { timeout: 5_000 }).toBe(true);
  expect(peer.handshakes.at(-1)?.refused).toBeNull();

  // The config still says the old token: the kept one wins.
  await station.stop();
  station = await linked.start();
  expect(peer.handshakes.at(-1)).toEqual({ handshake: expect.objectContaining({ token: fresh }), refused: null });
  expect(station.status().hub).toMatchObject({ connected: true, lastError: null });
}, 30_000);

it('a hub setting the station cannot use is refused at start, before any device or port is opened', async () => {
  const { config } = await linkedWorld();
  expect(() => createStation({ ...config, hub: { ...config.hub!, token: 'too-short' } })).toThrow(/hub token must be 20 to 200 characters/);
  expect(() => createStation({ ...config, hub: { ...config.hub!, token: undefined } })).toThrow(/hub token missing: set hub.token or STATION_HUB_TOKEN/);
  expect(() => createStation({ ...config, hub: { ...config.hub!, url: 'http://hub.example.com' } })).toThrow(/hub.url: http:\/\/hub.example.com must use https/);
  // Each refusal closed the database it had opened: the file can be opened again for writing.
  const db = openStationDb(join(config.dataDir, 'station.db'));
  closeStationDb(db);
});
