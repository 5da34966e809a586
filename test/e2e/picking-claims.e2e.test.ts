/**
 * Two stations, one picking: the first to start it claims it in Odoo (an activity "Packing at station …" users see
 * in the picking's chatter); the second is told who has it and packs nothing until the claim is released (here:
 * marked done in Odoo), then packs it. Real parts: the headless station (SQLite file, scale and scanner simulators
 * over TCP, raw-9100 printer), the Odoo and carrier sandboxes over HTTP on 127.0.0.1, a second station's claim made
 * through the station's own Odoo gateway.
 */
import { afterEach, expect, it } from 'vitest';
import { toPackingView } from '../../app/packing/packing.view';
import { startDemoWorld } from '../../main/demo/demo.world';
import { startHeadless } from '../../main/headless/headless.host';
import { packOrder, type DemoOrder } from '../../main/demo/simulated-packer';
import { waitForSnapshot, waitUntil } from '../../main/demo/wait-for';
import { silentLog } from '../../main/log';
import { OdooJsonRpcGateway } from '../../sync/odoo/odoo.gateway';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('a picking packed at another station is refused with who has it, and packed here once that claim is released', async () => {
  const world = await startDemoWorld({ odooVersion: 18, scaleProtocol: 'mt-sics', uiPort: 0 });
  cleanups.push(world.close);
  const [order] = world.odoo.createPickings(1) as DemoOrder[];
  const headless = await startHeadless(world.config, { log: silentLog() });
  cleanups.push(headless.stop);
  const { station } = headless;

  // The station at the next bench started this picking a moment ago.
  const { url, db, login, apiKey } = world.config.odoo;
  const other = new OdooJsonRpcGateway({ url, db, login, apiKey }).claimsFor('bench-2', 3_600_000, () => Date.now());
  expect(await other.claim(order!.id)).toEqual({ kind: 'claimed' });

  await world.scanner.scan(order!.name);
  await waitForSnapshot(station.actor, (s) => s.matches('loadFailed'), 10_000, 'the load to be refused');
  const { message } = toPackingView(station.actor.getSnapshot());
  expect(message).toMatch(new RegExp(`^${order!.name} is being packed at station bench-2 \\(since \\d\\d:\\d\\d, last seen \\d\\d:\\d\\d\\)`));
  expect(message).toContain('marks its "Packing at station bench-2" activity done in Odoo');
  expect(world.odoo.records('mail.activity', [['res_id', '=', order!.id]]).map((a) => a.summary)).toEqual(['Packing at station bench-2']);
  expect(world.odoo.picking(order!.id).packages).toEqual([]);

  // A supervisor marks bench-2's activity done in Odoo; the packer scans the picking again and packs it here.
  await other.release(order!.id, 'released by the shift lead');
  await packOrder(station, world, order!, 0);
  await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 15_000, 'validation in Odoo');
  expect(world.odoo.validations()).toEqual([order!.id]);
  // This station's own claim ended with the work: no activity left, both endings in the chatter.
  await waitUntil(() => world.odoo.records('mail.activity', [['res_id', '=', order!.id]]).length === 0, 5_000, 'the claim to be released');
  expect(world.odoo.records('mail.message', [['res_id', '=', order!.id]]).map((m) => m.body)).toEqual([
    'Packing at station bench-2 done: released by the shift lead',
    'Packing at station demo-station-1 done: packed and validated at station demo-station-1',
  ]);
});
