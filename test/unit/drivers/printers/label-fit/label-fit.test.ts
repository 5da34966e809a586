import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fitLabelToPrinter } from '../../../../../drivers/printers/label-fit/label-fit';
import { pngToZplGraphic } from '../../../../../drivers/printers/label-fit/png-to-zpl';
import { insertMuConversion, rescaleZpl } from '../../../../../drivers/printers/label-fit/zpl-rescale';
import { decodeRows, encodeRows, GF_MAX_BYTES, packRows, unpackRows } from '../../../../../drivers/printers/label-fit/zpl-bitmap';

/** A PNG w×h, black where `ink(x, y)`. */
function png(w: number, h: number, ink: (x: number, y: number) => boolean): Buffer {
  const img = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const i = (y * w + x) * 4;
      const v = ink(x, y) ? 0 : 255;
      img.data[i] = v;
      img.data[i + 1] = v;
      img.data[i + 2] = v;
      img.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(img);
}

describe('fitLabelToPrinter', () => {
  it('returns a label already at the printer dpi unchanged', () => {
    const label = { format: 'ZPL' as const, dpi: 300 as const, data: '^XA^FO10,10^FDx^FS^XZ' };
    expect(fitLabelToPrinter(label, 300)).toBe(label);
  });

  it.each(['PDF', 'EPL2'] as const)('refuses %s with REJECTED and says what to buy instead', (format) => {
    expect(() => fitLabelToPrinter({ format, dpi: 203, data: 'x' }, 203)).toThrow(
      expect.objectContaining({ code: 'REJECTED', message: expect.stringContaining('buy the label as ZPL') }),
    );
  });

  it('turns a base64 PNG into ZPL at the printer dpi', () => {
    const out = fitLabelToPrinter({ format: 'PNG', dpi: 203, data: png(16, 8, (x) => x < 8).toString('base64') }, 300);
    expect(out).toMatchObject({ format: 'ZPL', dpi: 300 });
    expect(out.data).toContain('^PW24^LL12');
  });

  it('refuses a PNG that is not a PNG', () => {
    expect(() => fitLabelToPrinter({ format: 'PNG', dpi: 203, data: 'bm90IGEgcG5n' }, 300)).toThrow(/not a readable PNG/);
  });
});

describe('rescaleZpl', () => {
  it('scales positions, sizes, fonts and bar heights by 12/8 and keeps field data and line breaks', () => {
    const zpl = '^XA^PW812^LL1218^LH10,12\n^FO100,200^A0N,30,20^FH_^FDFO100,200_5E^FS\n^FO0,0^GB812,2,2^FS^XZ';
    expect(rescaleZpl(zpl, 203, 300)).toBe('^XA^PW1218^LL1827^LH15,18\n^FO150,300^A0N,45,30^FH_^FDFO100,200_5E^FS\n^FO0,0^GB1218,3,3^FS^XZ');
  });

  it('rounds barcode module widths down and keeps the wide:narrow ratio', () => {
    expect(rescaleZpl('^BY3,2.5,170^BCN,100,N', 203, 300)).toBe('^BY4,2.5,255^BCN,150,N');
    expect(rescaleZpl('^BY3,3,90', 300, 203)).toBe('^BY2,3,60');
    expect(rescaleZpl('^BQN,2,4', 203, 600)).toBe('^BQN,2,12');
  });

  it('leaves empty (printer default) and malformed parameters as sent', () => {
    expect(rescaleZpl('^FO464,--^A0N,,^BCN,,Y', 203, 300)).toBe('^FO696,--^A0N,,^BCN,,Y');
  });

  it('resamples inline ^GFA graphics and fixes their byte counts', () => {
    const out = rescaleZpl('^FO0,0^GFA,4,4,2,FFFF\nFFFF^FS', 203, 600);
    const m = /\^GFA,(\d+),(\d+),(\d+),([^^]*)\^FS/.exec(out);
    expect(m?.slice(1, 4)).toEqual(['36', '36', '6']);
    const bmp = unpackRows(decodeRows(m?.[4] ?? '', 6, 36), 6);
    expect(bmp.height).toBe(6);
    expect(Array.from(bmp.dots.slice(0, 48))).toEqual(Array(48).fill(1));
  });

  it('resamples ~DG downloads too, and refuses what it cannot rewrite', () => {
    expect(rescaleZpl('~DGR:LOGO.GRF,2,1,FF\nFF^XA^XGR:LOGO.GRF,1,1^FS^XZ', 203, 600)).toMatch(/^~DGR:LOGO\.GRF,18,3,/);
    expect(() => rescaleZpl('^XA^MUM^FO1,1^XZ', 203, 300)).toThrow(/\^MU/);
    expect(() => rescaleZpl('^XA^CC+^XZ', 203, 300)).toThrow(/prefix/);
    expect(() => rescaleZpl('^XA^FO0,0^GFA,8,8,1,:Z64:eJzz8AAAAwMBAQ==:1234^FS^XZ', 203, 300)).toThrow(/Z64/);
    expect(() => rescaleZpl('^XA^XFR:FORM.ZPL^XZ', 203, 300)).toThrow(/stored/);
  });
});

describe('insertMuConversion', () => {
  it('adds ^MUd,<from>,<to> after every ^XA, Zebra names for 8/12/24 dots per mm', () => {
    expect(insertMuConversion('^XA^MCY^XZ\n^XA^FO1,1^XZ', 203, 300)).toBe('^XA^MUd,200,300^MCY^XZ\n^XA^MUd,200,300^FO1,1^XZ');
    expect(insertMuConversion('^XA^XZ', 300, 600)).toBe('^XA^MUd,300,600^XZ');
  });

  it('cannot convert down', () => {
    expect(() => insertMuConversion('^XA^XZ', 300, 203)).toThrow(/up to a finer head/);
  });
});

describe('ZPL graphic encoding', () => {
  it('packs MSB-first with 1 = black, and round-trips through the compressed form', () => {
    const bmp = { width: 20, height: 3, dots: Uint8Array.from({ length: 60 }, (_, i) => (i % 20 < 9 || i >= 40 ? 1 : 0)) };
    const { bytesPerRow, rows } = packRows(bmp);
    expect(bytesPerRow).toBe(3);
    expect(Array.from(rows[0] ?? [])).toEqual([0xff, 0x80, 0x00]);
    const hex = encodeRows(rows, true);
    expect(hex).toBe('FF8,\n:\nKF0');
    expect(encodeRows([Uint8Array.from([0x0f, 0xff, 0xff])], true)).toBe('0!');
    expect(decodeRows(hex, 3, 9).map((r) => Array.from(r))).toEqual(rows.map((r) => Array.from(r)));
  });

  it('uses repeat counts G–Y (1–19) and g–z (20–400), counted in hex digits', () => {
    const row = Uint8Array.from([...Array(30).fill(0xaa), 0x01]);
    const hex = encodeRows([row], true);
    expect(hex).toBe('iA01');
    expect(encodeRows([Uint8Array.from([...Array(16).fill(0xcc), 0x01])], true)).toBe('gRC01');
    expect(Array.from(decodeRows(hex, 31, 31)[0] ?? [])).toEqual(Array.from(row));
  });

  it('writes correct byte counts and splits a tall image into ^GF bands within 99999 bytes', () => {
    const zpl = pngToZplGraphic(png(1600, 600, (x, y) => (x + y) % 3 === 0), { sourceDpi: 203, targetDpi: 203, compress: false });
    const fields = [...zpl.matchAll(/\^FO0,(\d+)\^GFA,(\d+),(\d+),(\d+),/g)];
    expect(fields.length).toBe(2);
    for (const f of fields) {
      expect(f[2]).toBe(f[3]);
      expect(Number(f[2])).toBeLessThanOrEqual(GF_MAX_BYTES);
      expect(f[4]).toBe('200');
    }
    expect(fields[1]?.[1]).toBe(String(Math.floor(GF_MAX_BYTES / 200)));
  });

  it('honours widthDots and threshold', () => {
    const grey = png(10, 10, () => false);
    const zpl = pngToZplGraphic(grey, { sourceDpi: 203, targetDpi: 300, widthDots: 40 });
    expect(zpl).toContain('^PW40^LL40');
    expect(zpl).not.toContain('^GFA'); // all white: no graphic at all
  });
});
