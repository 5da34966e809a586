/**
 * A station configured with its own labels and a slip printer: after the picking's shipping labels, the SSCC label
 * and the packing-list label come out of the label printer and the packing slip out of the ESC/POS printer, through
 * the same spooler (so they show in the supervisor's list).
 */
import { expect, it } from 'vitest';
import { isValidSscc } from '../../app/labels/sscc';
import { parseGs1 } from '../../app/scanning/gs1';
import { startDemoWorld } from '../../main/demo/demo.world';
import { packOrder, type DemoOrder } from '../../main/demo/simulated-packer';
import { waitUntil } from '../../main/demo/wait-for';
import { startHeadless } from '../../main/headless/headless.host';
import { silentLog } from '../../main/log';
import { cleanupAfterEach } from '../support/cleanup';
import { decodeBarcodes, decodeZplBarcodes, renderZpl } from '../support/zpl-decode';

const cleanups = cleanupAfterEach();

it('prints the SSCC and packing-list labels after the shipping label, and the packing slip on the slip printer', async () => {
  const world = await startDemoWorld({
    odooVersion: 18,
    scaleProtocol: 'mt-sics',
    uiPort: 0,
    slipPrinter: true,
    labels: { sscc: { companyPrefix: '0614141', extensionDigit: 1 }, packingList: true },
  });
  cleanups.push(world.close);
  const headless = await startHeadless(world.config, { log: silentLog(), printPolicy: { statusPollMs: 100 } });
  cleanups.push(headless.stop);
  const [order] = world.odoo.createPickings(1) as DemoOrder[];

  await packOrder(headless.station, world, order!, 0);
  await waitUntil(() => world.printer.jobs().length >= 3 && (world.slip?.jobs().length ?? 0) >= 1, 15_000, 'labels and slip');
  await waitUntil(
    () => headless.station.spooler.jobs({ states: ['queued', 'sending', 'sent'] }).length === 0,
    15_000,
    'every print job to finish',
  );

  const jobs = headless.station.spooler.jobs({ limit: 10 });
  expect(jobs.map((j) => [j.kind, j.state]).sort()).toEqual([
    ['packing-list-label', 'confirmed'],
    ['packing-slip', 'confirmed'],
    ['shipping-label', 'confirmed'],
    ['sscc-label', 'confirmed'],
  ]);
  const [shipping, sscc, packingList] = world.printer.jobs();
  expect(world.printer.jobs()).toHaveLength(3);
  const tracking = world.carrier.shipments()[0]!.trackingCode!;
  expect((await decodeZplBarcodes(shipping!)).map((b) => b.text)).toContain(tracking);
  const [ssccBarcode] = await decodeBarcodes(await renderZpl(sscc!));
  const gs1 = parseGs1(ssccBarcode?.text ?? '');
  if (gs1 instanceof Error) throw gs1;
  // Extension digit 1, company prefix 0614141, serial from the picking id and parcel 1, GS1 check digit.
  expect(gs1.sscc?.slice(0, 8)).toBe('10614141');
  expect(isValidSscc(gs1.sscc ?? '')).toBe(true);
  expect(packingList).toContain('PACKING LIST');
  expect(world.slip!.jobs()).toHaveLength(1);
  expect(world.slip!.jobs()[0]!.toString('latin1')).toContain(order!.name);

  await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 15_000, 'validation in Odoo');
});
