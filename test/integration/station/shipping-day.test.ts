/**
 * The shipping day on a real headless station (simulated scanner, scale and Zebra printer; Odoo and EasyPost
 * sandboxes over HTTP; a real SQLite file): after an order is packed, the packer scans O-BTN.return-label and a
 * supervisor asks for a second return label; both print on the label printer and reach the picking in Odoo; the
 * end-of-day manifest makes one form, saves its PDF in the data folder and prints its summary; a second run makes
 * nothing new.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { startDemoWorld } from '../../../main/demo/demo.world';
import { packOrder, type DemoOrder } from '../../../main/demo/simulated-packer';
import { waitUntil } from '../../../main/demo/wait-for';
import { startHeadless } from '../../../main/headless/headless.host';
import { silentLog } from '../../../main/log';
import { cleanupAfterEach } from '../../support/cleanup';

const cleanups = cleanupAfterEach();

it('return labels by scan and from the panel, then the end-of-day manifest, printed and recorded', async () => {
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0 });
  cleanups.push(world.close);
  const headless = await startHeadless(world.config, { log: silentLog() });
  cleanups.push(headless.stop);
  const { core, spooler } = headless.station;
  const [order] = world.odoo.createPickings(1) as DemoOrder[];
  await packOrder(headless.station, world, order!, 0);
  const outbound = world.carrier.purchases();
  expect(outbound).toHaveLength(1);

  // The packer, with the packed picking still on screen, scans the command: its return label goes in the box.
  await world.scanner.scan('O-BTN.return-label');
  await waitUntil(() => world.carrier.purchases().length === 2, 10_000, 'the return label bought');
  const byPanel = await core.handle('shipping:return-label', { picking: order!.name });
  expect(byPanel).toMatchObject({ accepted: true, label: { reference: `${order!.name}#R2`, pickingName: order!.name }, printError: null });
  const returnCodes = world.carrier.purchases().slice(1).map((p) => p.trackingCode);
  await waitUntil(() => spooler.jobs({ states: ['confirmed'] }).filter((j) => j.kind === 'return-label').length === 2, 10_000, 'both return labels printed');
  for (const code of returnCodes) expect(world.printer.jobs().some((zpl) => zpl.includes(code))).toBe(true);
  await waitUntil(() => world.odoo.picking(order!.id).attachments.filter((a) => a.name.startsWith('Return-')).length === 2, 10_000, 'return labels in Odoo');
  const inOdoo = world.odoo.picking(order!.id);
  expect(inOdoo.carrier_tracking_ref).toBe(outbound[0]!.trackingCode);
  expect(inOdoo.messages.filter((m) => m.startsWith('Return label'))).toHaveLength(2);

  const dry = await core.handle('shipping:manifest', { dryRun: true });
  expect(dry.run?.groups.map((g) => [g.outcome, g.trackingCodes])).toEqual([['planned', [outbound[0]!.trackingCode]]]);
  const made = await core.handle('shipping:manifest', { dryRun: false });
  expect(made.accepted).toBe(true);
  const [group] = made.run!.groups;
  expect(group).toMatchObject({ outcome: 'created', trackingCodes: [outbound[0]!.trackingCode], documentPath: expect.stringContaining(`${world.config.dataDir}/manifests/`) });
  expect(existsSync(group!.documentPath!)).toBe(true);
  expect(readFileSync(group!.documentPath!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await waitUntil(() => spooler.jobs({ states: ['confirmed'] }).some((j) => j.kind === 'manifest-summary'), 10_000, 'the summary label printed');
  expect(world.printer.jobs().some((zpl) => zpl.includes('END OF DAY MANIFEST') && zpl.includes(`STATION ${world.config.stationId}`))).toBe(true);

  const day = await core.handle('shipping:day', undefined);
  expect(day.returns.map((r) => r.reference).sort()).toEqual([`${order!.name}#R1`, `${order!.name}#R2`]);
  expect(day.manifests).toEqual([expect.objectContaining({ manifestId: group!.manifestId, status: 'created', printedAt: expect.any(Number) })]);
  expect(day.toManifest).toEqual([]);
  const again = await core.handle('shipping:manifest', { dryRun: false });
  expect(again.run?.groups).toEqual([]);
});
