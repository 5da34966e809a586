/**
 * No scan is lost, through the real scanner path: a serial scanner on a socat PTY sends a picking and all its items
 * in ONE write (what a scanner with a buffer, or a packer faster than Odoo, produces), and line noise in between.
 * Every item is counted; the noise is refused visibly and never becomes an Odoo lookup.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startDemoWorld } from '../../main/demo/demo.world';
import { startHeadless } from '../../main/headless/headless.host';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { waitUntil } from '../../main/demo/wait-for';
import { silentLog } from '../../main/log';
import { toPackingView } from '../../app/packing/packing.view';
import { createPtyPair } from '../support/socat';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('counts every item of a picking scanned in one burst over a serial line, and refuses line noise visibly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'station-burst-'));
  const scalePty = await createPtyPair(join(dir, 'scale'));
  const scannerPty = await createPtyPair(join(dir, 'scanner'));
  cleanups.push(scalePty.close, scannerPty.close);
  const world = await startDemoWorld({
    odooVersion: 18,
    scaleProtocol: 'mt-sics',
    uiPort: 0,
    dataDir: join(dir, 'data'),
    serial: { scalePath: scalePty.a, scaleSimPath: scalePty.b, scannerPath: scannerPty.a, scannerSimPath: scannerPty.b },
  });
  cleanups.push(world.close);
  const headless = await startHeadless(world.config, { log: silentLog() });
  cleanups.push(headless.stop);
  const { station } = headless;
  await waitUntil(() => station.status().devices.scanner.state === 'connected', 10_000, 'the scanner to connect');

  const [order] = world.odoo.createPickings(1, { linesPerPicking: 3 }) as DemoOrder[];
  const units = order!.lines.flatMap((line) => Array.from({ length: line.quantity }, () => line.barcode));
  world.odoo.clearCalls();

  // Noise first (control bytes inside a line; bytes of a wrong baud rate), then the whole order in a single write.
  const noise = Buffer.concat([Buffer.from('AB\u0007\u0000CD\r'), Buffer.from([0x41, 0xff, 0xfe, 0x42, 0x0d])]);
  await world.scanner.send(Buffer.concat([noise, Buffer.from(`${[order!.name, ...units].join('\r')}\r`)]));
  await waitUntil(() => toPackingView(station.actor.getSnapshot()).state.startsWith('weighing'), 10_000, 'every unit counted');

  const view = toPackingView(station.actor.getSnapshot());
  expect(view.picking?.lines.map((l) => l.scanned)).toEqual(order!.lines.map((l) => l.quantity));
  // The noise was refused before the machine and said so; it cost no Odoo call.
  expect(station.actor.getSnapshot().context.refusedScans).toBe(2);
  const lookups = world.odoo.calls().filter((c) => c.model === 'stock.picking' && c.method === 'search');
  expect(lookups.some((o) => JSON.stringify(o.args).includes('CD'))).toBe(false);
  expect(lookups.some((o) => JSON.stringify(o.args).includes(order!.name))).toBe(true);
});
