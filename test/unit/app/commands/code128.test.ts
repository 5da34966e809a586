/**
 * The Code 128 encoder against encodings published elsewhere (symbol values of a set B text, a whole set C bar
 * pattern, module strings of zxing's writer tests), and against a real decoder: its bars, drawn into a picture,
 * scan back with zxing.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { QUIET_ZONE_MODULES, barsOf, checkSymbol, encodeCode128, moduleString } from '../../../../app/commands/code128';
import { decodeBarcodes } from '../../../support/zpl-decode';

/** Draws the symbol `scale` pixels per module with its quiet zones, as PNG. */
function draw(text: string, scale = 3, height = 60): Buffer {
  const code = encodeCode128(text);
  const png = new PNG({ width: (code.modules + 2 * QUIET_ZONE_MODULES) * scale, height });
  png.data.fill(255);
  for (const [x, w] of barsOf(code)) {
    for (let px = (QUIET_ZONE_MODULES + x) * scale; px < (QUIET_ZONE_MODULES + x + w) * scale; px += 1) {
      for (let y = 0; y < height; y += 1) {
        const i = (y * png.width + px) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      }
    }
  }
  return PNG.sync.write(png);
}

describe('Code 128 encoder', () => {
  it('encodes "Value" in set B with check symbol 68 (Cocoatype Barcodes, Code128PayloadParserTests)', () => {
    // Start B, V a l u e, check 0x44, as that parser's test lists them.
    expect(encodeCode128('Value').symbols).toEqual([104, 54, 65, 76, 85, 69, 68]);
  });

  it('packs an even run of digits in set C, bar for bar (jbarcode Barcode128Test)', () => {
    // prettier-ignore
    const expected = [2, 1, 1, 2, 3, 2, 2, 2, 2, 1, 2, 2, 1, 2, 1, 3, 2, 2, 2, 2, 2, 1, 2, 2, 3, 1, 2, 1, 3, 1, 1, 1,
      3, 1, 2, 3, 1, 1, 1, 3, 2, 3, 1, 1, 1, 3, 2, 3, 1, 1, 2, 3, 1, 3, 1, 1, 3, 2, 2, 2, 1, 2, 1, 2, 2, 3, 1, 1, 2,
      2, 3, 2, 2, 1, 2, 3, 2, 1, 2, 2, 1, 3, 1, 2, 1, 1, 2, 2, 3, 2, 1, 3, 1, 1, 2, 3, 3, 3, 1, 1, 2, 1, 2, 2, 3, 1,
      1, 2, 2, 3, 3, 1, 1, 1, 2];
    const code = encodeCode128('01040123453333361503123110123456');
    expect(code.widths).toEqual(expected);
    expect(code.symbols[0]).toBe(105);
    expect(code.modules).toBe(18 * 11 + 13); // start, 16 pairs, check; stop
  });

  it('draws start, data and stop modules as zxing’s Code128Writer tests spell them', () => {
    // "a123" stays in set B: 3 digits never pay for a switch to set C.
    const code = encodeCode128('a123');
    const modules = moduleString(code);
    expect(modules.startsWith('11010010000')).toBe(true); // START_CODE_B
    expect(modules.slice(22, 55)).toBe('10011100110' + '11001110010' + '11001011100'); // "1" "2" "3" in set B
    expect(modules.endsWith('1100011101011')).toBe(true); // STOP
    expect(moduleString(encodeCode128('12')).startsWith('11010011100')).toBe(true); // START_CODE_C
  });

  it('computes the check symbol as the start value plus each value times its position, modulo 103', () => {
    expect(checkSymbol([104, 54, 65, 76, 85, 69])).toBe(68);
    const code = encodeCode128('O-BTN.pack');
    expect(code.symbols.at(-1)).toBe(checkSymbol(code.symbols.slice(0, -1)));
  });

  it('switches to set C only where digits make the symbol shorter', () => {
    expect(encodeCode128('1234').symbols.slice(0, 3)).toEqual([105, 12, 34]);
    expect(encodeCode128('PT-12345').symbols.slice(0, 6)).toEqual([104, 48, 52, 13, 17, 99]); // P T - 1, then C: 23 45
    expect(encodeCode128('A1234B').symbols).not.toContain(99); // 4 digits in the middle: no gain
    expect(encodeCode128('12345X').symbols.slice(0, 4)).toEqual([105, 12, 34, 100]); // odd lead: the 5 goes in set B
  });

  it('refuses what set B cannot carry', () => {
    expect(() => encodeCode128('')).toThrow(/printable ASCII/);
    expect(() => encodeCode128('Größe')).toThrow(/printable ASCII/);
  });

  it.each(['O-BTN.pack', 'O-BTN.return-label', 'PT-SMALL', 'O-PKG.12', '0123456789', 'A1234567B', 'x_^~{}|'])(
    'scans back with a real decoder: %s',
    async (text) => {
      const found = await decodeBarcodes(draw(text));
      expect(found).toEqual([{ format: 'Code128', text }]);
    },
  );
});
