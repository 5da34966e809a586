/**
 * A real station packs while its hub is down: the ledger facts wait in the outbox (out of reach, never a dead letter),
 * and when the hub is back the link reconnects by itself and the facts go up in the station's order.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createStation } from '../../../main/bootstrap';
import type { ResolvedConfig } from '../../../main/config/load-config';
import { startDemoWorld } from '../../../main/demo/demo.world';
import { packOrder, type DemoOrder } from '../../../main/demo/simulated-packer';
import { waitUntil } from '../../../main/demo/wait-for';
import { silentLog } from '../../../main/log';
import { cleanupAfterEach } from '../../support/cleanup';
import { HubPeer } from '../../support/hub-peer';

const cleanups = cleanupAfterEach();
const TOKEN = 'tok-0123456789abcdefghijklmnop';

it('facts packed while the hub is down wait, then reach the hub in order once it is back', async () => {
  const first = await HubPeer.start();
  const port = Number(new URL(first.url).port);
  await first.close();
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0, dataDir: mkdtempSync(join(tmpdir(), 'station-hub-ledger-')) });
  cleanups.push(world.close);
  const config: ResolvedConfig = { ...world.config, hub: { url: first.url, token: TOKEN, statusMinIntervalMs: 200 } };
  const station = createStation(config, { log: silentLog() });
  cleanups.push(() => station.stop());
  await station.start();

  const [order] = world.odoo.createPickings(1) as DemoOrder[];
  await packOrder(station, world, order!, 0);
  await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 15_000, 'the picking validated in Odoo');
  const hubTarget = () => station.status().sync.find((t) => t.target === 'hub');
  await waitUntil(() => (hubTarget()?.depth ?? 0) > 0 && hubTarget()?.unreachableSince !== null, 10_000, 'the facts waiting for the hub');
  expect(station.status().hub).toMatchObject({ connected: false, lastError: expect.stringMatching(/hub unreachable/) });
  expect(station.status().deadLetters).toEqual([]);

  const peer = await HubPeer.start(port);
  cleanups.push(() => peer.close());
  peer.tokens.set(config.stationId, TOKEN);
  await waitUntil(() => hubTarget()?.depth === 0, 30_000, 'the facts uploaded after the hub came back');
  const entries = peer.batches.flatMap((b) => b.entries);
  const seqs = entries.map((e) => e.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
  const types = entries.filter((e) => e.fact.pickingId === order!.id).map((e) => e.fact.type);
  expect(types).toEqual(expect.arrayContaining(['parcel.packed', 'label.bought', 'picking.validated']));
  expect(types.indexOf('parcel.packed')).toBeLessThan(types.indexOf('picking.validated'));
  expect(station.status().hub?.connected).toBe(true);
}, 60_000);
