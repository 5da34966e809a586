/**
 * The end-of-day summary label, rendered the way a Zebra prints it (zpl-renderer-js) and scanned back (zxing-wasm):
 * the manifest id as Code 128 on every page, the parcels counted, every tracking code listed once over the pages.
 */
import { describe, expect, it } from 'vitest';
import { CODES_PER_LABEL, manifestSummaryZpl } from '../../../../app/labels/manifest-summary.zpl';
import { decodeBarcodes, renderZplAll } from '../../../support/zpl-decode';

const codes = (n: number): string[] => Array.from({ length: n }, (_, i) => `94001000000000000${String(i).padStart(5, '0')}`);
const input = { carrier: 'USPS', carrierAccount: 'ca_7f3e', manifestId: 'sf_0a1b2c3d4e5f', date: '2026-12-02', trackingCodes: codes(3), stationId: 'pack-01', dpi: 203 as const };

describe('manifestSummaryZpl', () => {
  it('says carrier, account, date, parcel count and station, and lists every tracking code', () => {
    const zpl = manifestSummaryZpl(input);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    for (const text of ['END OF DAY MANIFEST', '^FDUSPS^FS', 'ACCOUNT ca', 'DATE 2026-12-02', 'PARCELS 3', 'STATION pack-01', '1/1']) expect(zpl).toContain(text);
    for (const code of input.trackingCodes) expect(zpl).toContain(`^FD${code}^FS`);
    // The manifest id's `_` goes as ^FH hex: the printer would otherwise read it as the hex indicator.
    expect(zpl).toContain('^BCN,112,N,N,N,A^FH_^FDsf_5F0a1b2c3d4e5f^FS');
  });

  it('continues on further labels, each with the header and barcode, every code on exactly one page', () => {
    const many = codes(CODES_PER_LABEL * 2 + 5);
    const zpl = manifestSummaryZpl({ ...input, trackingCodes: many });
    const pages = zpl.split('^XZ').filter((p) => p.includes('^XA'));
    expect(pages).toHaveLength(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`${i + 1}/3`);
      expect(page).toContain(`PARCELS ${many.length}`);
      expect(page).toContain('^BCN');
    });
    for (const code of many) expect(zpl.split(`^FD${code}^FS`)).toHaveLength(2);
  });

  it('refuses a manifest without an id, and prints a day with no account line when there is none', () => {
    expect(() => manifestSummaryZpl({ ...input, manifestId: ' ' })).toThrow(expect.objectContaining({ code: 'REJECTED' }));
    expect(manifestSummaryZpl({ ...input, carrierAccount: null })).not.toContain('ACCOUNT');
  });

  it.each([[203, 8], [300, 12]] as const)('renders at %i dpi and its barcode scans back to the manifest id', async (dpi, dpmm) => {
    const pngs = await renderZplAll(manifestSummaryZpl({ ...input, dpi }), { dpmm });
    expect(pngs).toHaveLength(1);
    const found = await decodeBarcodes(pngs[0] as Buffer);
    expect(found).toEqual([expect.objectContaining({ format: 'Code128', text: input.manifestId })]);
  });
});
