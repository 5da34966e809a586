/**
 * The command sheet on the supervisor panel in Chromium, on a real headless station (demo world: simulated devices,
 * Odoo sandbox, sign-in off): the sheet's barcodes, screenshotted off the screen, are decoded by a real decoder
 * (zxing) into exactly the sheet's codes; scanned back on the station's scanner they do what they say (a box is
 * chosen, the parcel closes, the picking is abandoned) and none is taken for a picking; "Print" queues the labels
 * (their ^BC fields are the same codes), "Save as PDF" downloads the sheet, and another language is one choice away.
 */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { sheetEntries } from '../../app/commands/command-sheet';
import { stationPackageTypeCode } from '../../app/commands/package-type-codes';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { waitForSnapshot } from '../../main/demo/wait-for';
import { cleanupAfterEach } from '../support/cleanup';
import { pdfTexts, readPdf } from '../support/pdf-read';
import { stationInChromium } from '../support/station-in-chromium';
import { zplBarcodeFields as barcodeFields } from '../support/zpl-barcode-fields';
import { decodeBarcodes } from '../support/zpl-decode';

const cleanups = cleanupAfterEach();

it('shows, decodes, scans back, prints and saves the command sheet', async (ctx) => {
  const { world, headless, page, byTestId } = await stationInChromium(cleanups, ctx, 'e2e-command-sheet');
  const envelope = world.odoo.createInOdoo('stock.package.type', { name: 'Padded envelope', barcode: false, sequence: 9, base_weight: 0.05, max_weight: 2 });
  const { actor, core } = headless.station;

  await page.goto(headless.openUrl);
  await byTestId('tab-supervisor').click();
  const paper = byTestId('command-sheet-paper');
  await paper.waitFor({ timeout: 15_000 });
  const sheet = await core.handle('commands:sheet', {});
  const codes = sheetEntries(sheet).map((e) => e.code);
  expect(codes).toEqual(expect.arrayContaining(['O-BTN.pack', 'O-BTN.cancel', 'PT-SMALL', stationPackageTypeCode(envelope)]));

  // What a scanner pointed at the screen reads.
  const decoded = await decodeBarcodes(await paper.screenshot());
  expect(decoded.every((d) => d.format === 'Code128')).toBe(true);
  expect(decoded.map((d) => d.text).sort()).toEqual([...codes].sort());

  // Scanned back at the bench: no code is taken for a picking name, and pack, cancel and a box do what they say.
  for (const code of decoded.map((d) => d.text).filter((c) => !/^(O-BTN\.(pack|cancel)|PT-|O-PKG\.)/.test(c))) {
    await world.scanner.scan(code);
    await new Promise((r) => setTimeout(r, 150));
    expect(actor.getSnapshot().matches('idle'), `${code} leaves the bench idle`).toBe(true);
  }
  const [order] = world.odoo.createPickings(1, { linesPerPicking: 2 }) as DemoOrder[];
  await world.scanner.scan(order!.name);
  await waitForSnapshot(actor, (s) => s.matches('packing'), 15_000, 'the picking to load');
  await world.scanner.scan(stationPackageTypeCode(envelope));
  await waitForSnapshot(actor, (s) => s.context.packageTypeId === envelope, 10_000, 'the envelope chosen by its sheet code');
  await world.scanner.scan(order!.lines[0]!.barcode);
  await waitForSnapshot(actor, (s) => Object.values(s.context.scanned).some((n) => (n as number) > 0), 10_000, 'an item counted');
  await world.scanner.scan('O-BTN.pack');
  await waitForSnapshot(actor, (s) => s.matches('weighing'), 10_000, 'the parcel closed by O-BTN.pack');
  await world.scanner.scan('O-BTN.cancel');
  await waitForSnapshot(actor, (s) => s.matches('idle'), 10_000, 'the picking abandoned by O-BTN.cancel');

  // Printed on the label printer through the print queue: the same codes in the labels' ^BC fields.
  const before = world.printer.jobs().length;
  await byTestId('command-sheet-print').click();
  await expect.poll(() => byTestId('command-sheet-printed').textContent(), { timeout: 10_000 }).toMatch(/print job \S+/);
  await expect.poll(() => barcodeFields(world.printer.jobs().slice(before).join('\n')), { timeout: 10_000 }).toEqual(codes);
  const jobs = await core.handle('print:jobs', { limit: 5 });
  expect(jobs.jobs.some((j) => j.kind === 'command-sheet')).toBe(true);

  // Saved as PDF: the same sheet.
  const [download] = await Promise.all([page.waitForEvent('download'), byTestId('command-sheet-pdf').click()]);
  expect(download.suggestedFilename()).toBe(`command-sheet-${sheet.stationId}-en.pdf`);
  const pdf = readPdf(await readFile(await download.path()));
  expect(pdf.pages.flatMap((p) => pdfTexts(p.content))).toEqual(expect.arrayContaining([sheet.title, 'Pack', 'Padded envelope', ...codes]));

  // Another language for a bench that speaks it.
  await byTestId('command-sheet-language').selectOption('es');
  await expect.poll(() => byTestId('command-entry-O-BTN.pack').textContent(), { timeout: 10_000 }).toContain('Empaquetar');
  expect(await byTestId('command-entry-O-BTN.pack').textContent()).toContain('Tecla F2');
}, 120_000);
