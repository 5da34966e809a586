/**
 * A carrier label made for 203 dpi, fitted to a 300 dpi printer, prints the same physical size and
 * still scans to its tracking code; a PNG label becomes a ^GFA graphic at 300 dpi that scans the same.
 * Renders at 8 dots/mm (203 dpi) and 12 dots/mm (300 dpi) with zpl-renderer-js; decodes with zxing-wasm.
 */
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../app/domain';
import { fitLabelToPrinter } from '../../../drivers/printers/label-fit/label-fit';
import { pngToZplGraphic } from '../../../drivers/printers/label-fit/png-to-zpl';
import { buildCarrierLabelZpl } from '../../../sync/sim/carrier/carrier-label.sim';
import { readFixture } from '../../support/third-party-fixtures';
import { decodeBarcodes, renderZpl } from '../../support/zpl-decode';
import { inkBoxMm } from './labels.fixtures';

const TRACKING = '9400111899223100012345';

const carrierZpl = buildCarrierLabelZpl({
  carrier: 'USPS',
  service: 'GroundAdvantage',
  trackingCode: TRACKING,
  from: { name: 'Acme Fulfilment', street1: '7 Dock Rd', city: 'Reno', state: 'NV', zip: '89502', country: 'US' },
  to: { name: 'Zoë O\'Brien', street1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701', country: 'US' },
  weightOz: 24,
  reference: 'WH/OUT/00077',
  shipmentId: 'shp_123',
  date: '2025-01-31',
});

const texts = async (png: Buffer): Promise<string[]> => (await decodeBarcodes(png)).map((c) => c.text).sort();

function expectSameSize(a: { x0: number; y0: number; x1: number; y1: number }, b: typeof a, toleranceMm: number): void {
  for (const k of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(a[k] - b[k]), k).toBeLessThan(toleranceMm);
}

describe('ZPL 203 → 300 dpi', () => {
  it('the sandbox carrier label keeps its size and its tracking barcode', async () => {
    const fitted = fitLabelToPrinter({ format: 'ZPL', dpi: 203, data: carrierZpl }, 300);
    expect(fitted.dpi).toBe(300);
    expect(fitted.data).toContain('^PW1218^LL1827');
    const at203 = await renderZpl(carrierZpl, { dpmm: 8 });
    const at300 = await renderZpl(fitted.data, { dpmm: 12 });
    expectSameSize(inkBoxMm(at203, 8), inkBoxMm(at300, 12), 1);
    expect(await texts(at300)).toEqual(await texts(at203));
    expect(await texts(at300)).toContain(TRACKING);
  });

  it('unfitted, the same label prints at two thirds of its size on a 300 dpi head (the bug this fixes)', async () => {
    const box = inkBoxMm(await renderZpl(carrierZpl, { dpmm: 12 }), 12);
    expect(box.x1 - box.x0).toBeLessThan(70); // 101.6 mm × 2/3
  });

  it.each([
    ['ups.zpl', '1Z680RA4DL08720000'],
    ['usps.zpl', '9205590303190000000000'],
  ])('real carrier label %s keeps its size and barcodes', async (file, tracking) => {
    const zpl = readFixture('utf8', 'zebrash-carrier-zpl', file);
    const fitted = fitLabelToPrinter({ format: 'ZPL', dpi: 203, data: zpl }, 300);
    const at203 = await renderZpl(zpl, { dpmm: 8 });
    const at300 = await renderZpl(fitted.data, { dpmm: 12 });
    expectSameSize(inkBoxMm(at203, 8), inkBoxMm(at300, 12), 1.5);
    const after = await texts(at300);
    // GS1 content comes back in HRI form, "(420)98028(92)05…": compare without the parentheses.
    expect(after.some((t) => t.replace(/[()]/g, '').includes(tracking))).toBe(true);
    expect(after).toEqual(await texts(at203));
  });

  it("with method 'mu' the printer converts: ^MUd,200,300 follows every ^XA and nothing else changes", () => {
    const fitted = fitLabelToPrinter({ format: 'ZPL', dpi: 203, data: carrierZpl }, 300, { method: 'mu' });
    expect(fitted.data.match(/\^XA\^MUd,200,300/g)).toHaveLength(2);
    expect(fitted.data.replace(/\^MUd,200,300/g, '')).toBe(carrierZpl);
  });

  it("the ^MU label still renders and scans at 12 dots/mm (zebrash ignores ^MU, so its size is the printer's word)", async () => {
    const fitted = fitLabelToPrinter({ format: 'ZPL', dpi: 203, data: carrierZpl }, 300, { method: 'mu' });
    expect(await texts(await renderZpl(fitted.data, { dpmm: 12 }))).toContain(TRACKING);
  });
});

describe('ZPL 300 → 203 dpi', () => {
  it('shrinks a 300 dpi label for a 203 dpi printer (^MU cannot go down)', async () => {
    const up = fitLabelToPrinter({ format: 'ZPL', dpi: 203, data: carrierZpl }, 300);
    const down = fitLabelToPrinter(up, 203);
    const png = await renderZpl(down.data, { dpmm: 8 });
    expectSameSize(inkBoxMm(png, 8), inkBoxMm(await renderZpl(carrierZpl, { dpmm: 8 }), 8), 1);
    expect(await texts(png)).toContain(TRACKING);
  });
});

describe('PNG labels', () => {
  it('a 203 dpi PNG becomes a ^GFA graphic at 300 dpi that prints the same size and scans the same', async () => {
    const png203 = await renderZpl(carrierZpl, { dpmm: 8 });
    const label: Label = { format: 'PNG', dpi: 203, data: png203.toString('base64') };
    const fitted = fitLabelToPrinter(label, 300);
    expect(fitted.format).toBe('ZPL');
    expect(fitted.data).toMatch(/\^GFA,\d+,\d+,153,/);
    const at300 = await renderZpl(fitted.data, { dpmm: 12 });
    expectSameSize(inkBoxMm(png203, 8), inkBoxMm(at300, 12), 1);
    expect(await texts(at300)).toEqual(await texts(png203));
    expect(await texts(at300)).toContain(TRACKING);
  });

  it('uncompressed ^GFA renders identically to the compressed one', async () => {
    const png203 = await renderZpl(carrierZpl, { dpmm: 8 });
    const plain = pngToZplGraphic(png203, { sourceDpi: 203, targetDpi: 203, compress: false });
    const packed = pngToZplGraphic(png203, { sourceDpi: 203, targetDpi: 203 });
    expect(packed.length).toBeLessThan(plain.length / 5);
    expect(await renderZpl(packed, { dpmm: 8 })).toEqual(await renderZpl(plain, { dpmm: 8 }));
    expect(await texts(await renderZpl(packed, { dpmm: 8 }))).toContain(TRACKING);
  });
});
