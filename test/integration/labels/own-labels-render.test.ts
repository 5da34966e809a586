/**
 * Every label the station prints itself renders (zpl-renderer-js) and scans back (zxing-wasm) to what it
 * encodes, at 203, 300 and 600 dpi — the SSCC as a GS1-128 `(00)` element with a valid check digit, the picking name
 * as Code 128 on the packing list.
 */
import { describe, expect, it } from 'vitest';
import type { Dpi } from '../../../app/domain';
import { makeSscc } from '../../../app/labels/sscc';
import { ssccLabelZpl } from '../../../app/labels/sscc-label.zpl';
import { packingListLabelZpl } from '../../../app/labels/packing-list-label.zpl';
import { hasValidCheckDigit, parseGs1 } from '../../../app/scanning/gs1';
import { decodeBarcodes, renderZpl, renderZplAll } from '../../support/zpl-decode';
import { inkBoxMm, parcel, picking } from './labels.fixtures';

const DPMM: Record<Dpi, number> = { 203: 8, 300: 12, 600: 24 };
const sscc = makeSscc({ extensionDigit: 3, companyPrefix: '4012345', serialReference: 77 });

const ssccInput = (dpi: Dpi) => ({
  sscc,
  from: picking.warehouse,
  to: picking.partner,
  pickingName: picking.name,
  orderRef: picking.origin,
  parcelIndex: 1,
  parcelCount: 2,
  weightG: parcel.weightG,
  dpi,
  companyPrefixLength: 7,
});

describe('SSCC label', () => {
  it.each([203, 300, 600] as const)('renders at %i dpi and its GS1-128 scans to (00) + the SSCC', async (dpi) => {
    const png = await renderZpl(ssccLabelZpl(ssccInput(dpi)), { dpmm: DPMM[dpi] });
    const codes = await decodeBarcodes(png);
    expect(codes).toHaveLength(1);
    const gs1 = parseGs1(codes[0]?.text ?? '');
    if (gs1 instanceof Error) throw gs1;
    expect(gs1.sscc).toBe(sscc);
    expect(gs1.ais).toEqual([{ ai: '00', value: sscc }]);
    expect(hasValidCheckDigit(sscc)).toBe(true);
  });

  it('is the same physical size at 203 and 300 dpi (designed in mm)', async () => {
    const at203 = inkBoxMm(await renderZpl(ssccLabelZpl(ssccInput(203)), { dpmm: 8 }), 8);
    const at300 = inkBoxMm(await renderZpl(ssccLabelZpl(ssccInput(300)), { dpmm: 12 }), 12);
    for (const k of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(at203[k] - at300[k])).toBeLessThan(1.5);
    expect(at203.y1).toBeLessThan(152.4);
  });

  it('carries a FNC1 in first position (symbology identifier ]C1), i.e. it is GS1-128, not plain Code 128', async () => {
    const { readBarcodes } = await import('zxing-wasm/reader');
    const png = await renderZpl(ssccLabelZpl(ssccInput(203)), { dpmm: 8 });
    await decodeBarcodes(png); // loads the wasm offline
    const [r] = await readBarcodes(new Uint8Array(png), { formats: ['Code128'], tryHarder: true });
    expect(r?.symbologyIdentifier).toBe(']C1');
    expect(r?.contentType).toBe('GS1');
  });
});

describe('packing-list label', () => {
  it.each([203, 300] as const)('renders at %i dpi and its Code 128 scans to the picking name', async (dpi) => {
    const png = await renderZpl(packingListLabelZpl({ picking, parcel, dpi }), { dpmm: DPMM[dpi] });
    expect(await decodeBarcodes(png)).toEqual([{ format: 'Code128', text: picking.name }]);
  });

  it('continues on a second label when the parcel has more rows than fit, with the barcode on each', async () => {
    const serials = Array.from({ length: 80 }, (_, i) => `SN-${String(i).padStart(5, '0')}`);
    const big = { ...parcel, items: [...parcel.items.slice(0, 2), { moveId: 3, productId: 13, quantity: 80, serials }] };
    const zpl = packingListLabelZpl({ picking, parcel: big, dpi: 203 });
    const pngs = await renderZplAll(zpl, { dpmm: 8 });
    expect(pngs.length).toBeGreaterThan(1);
    // Only Code 128 counts: zxing's tryHarder can "see" a DataBar in a dense block of small serial-number text.
    for (const png of pngs) {
      expect((await decodeBarcodes(png)).filter((c) => c.format === 'Code128')).toEqual([{ format: 'Code128', text: picking.name }]);
    }
    for (const s of serials) expect(zpl).toContain(s);
  });
});
