/**
 * Vectors: Adam Equipment manuals as compiled in test/fixtures/scales (VECTORS.md ADAM-01..05):
 * - Highland series manual, RS-232 "Format 1 / Format 2 Output" (manualslib.mx/manual/132860 p.27, 132903 p.29);
 * - AZextra user manual §3.10 (T, Z, P commands; manualshelf.com … azextra-p … page-16) and Odoo's AZextra driver
 *   (4800 8N1, `P\r\n`, regex `\s*([0-9.]+)kg`, no answer for an unchanged weight);
 * - CBC manual p.18 `Gross Wt 1.234 Kg` (fitness.manualsonline.com … cbc_series.html?p=18), CBK manual §11
 *   `Net Wt 1.234 Kg` (manualshive.com … cbk-series … page=22), CBW manual §9 `GS 1.234 kg` / `No. 1` /
 *   `Total 1.234 kg` (videogame.manualsonline.com … cbw_30.html?p=21).
 */
import { describe, expect, it } from 'vitest';
import { AdamCodec } from '../../../../drivers/scales/adam.codec';
import type { FrameError } from '../../../../drivers/scales/scale-protocol';
import { bytes, expectChunkingInvariant, parseAll, valid } from './codec-harness';
import { vectorsWithPrefix } from './scale-vectors';

const codec = new AdamCodec();
const weight = (grams: number, resolutionG: number, extra: object = {}): object => ({ kind: 'weight', grams, stable: true, unflagged: true, resolutionG, ...extra });

describe('Adam codec', () => {
  it('polls with P CR LF at 4800 8N1, zeroes with Z and tares with T; continuous mode is never polled', () => {
    expect(codec.request?.toString('latin1')).toBe('P\r\n');
    expect(codec.defaultLink).toEqual({ baudRate: 4800, dataBits: 8, parity: 'none', stopBits: 1 });
    expect(codec.commands.zero.toString('latin1')).toBe('Z\r\n');
    expect(codec.commands.tare.toString('latin1')).toBe('T\r\n');
    expect(codec.reportsStability).toBe(false);
    expect(codec.quietWhenUnchanged).toBe(true);
    const continuous = new AdamCodec({ mode: 'continuous' });
    expect(continuous.request).toBeNull();
    expect(continuous.quietWhenUnchanged).toBe(false);
  });

  it.each([
    ['ADAM-01 Highland format 2', '       123.45 g \r\n', weight(123.45, 0.01)],
    ['ADAM-04 AZextra', '   1.234kg\r\n', weight(1234, 1)],
    ['Highland format 2, negative', '-      123.45 g \r\n', weight(-123.45, 0.01)],
    ['Highland 2-letter unit', ' 0.12345lb  \r\n', weight(55.996, 0.004536)],
    ['CBC gross', 'Gross Wt 1.234 Kg\r\n', weight(1234, 1, { net: false })],
    ['CBK net', 'Net Wt 1.234 Kg\r\n', weight(1234, 1, { net: true })],
    ['CBW gross', 'GS 1.234 kg\r\n', weight(1234, 1, { net: false })],
    ['CPWplus', '+ 2.00 kg\r\n', weight(2000, 10)],
    ['CBC memory recall', 'Wt. 1.234 Kg\r\n', weight(1234, 1)],
  ])('%s: %j', (_name, line, expected) => {
    expect(codec.parse(bytes(line))).toEqual(expected);
  });

  it('reads the weight line of a Format 1 print block and ignores its count and total lines (ADAM-02)', () => {
    const [block] = vectorsWithPrefix('ADAM-02');
    const frames = valid(parseAll(codec, [bytes(block?.response ?? '')]));
    expect(frames.filter((f) => f.kind === 'weight')).toEqual([weight(123.45, 0.01, { net: false })]);
    expect(frames.map((f) => f.kind)).toEqual(['weight', 'reply', 'reply', 'reply', 'reply']);
  });

  it('refuses counts, percentages and noise with stable codes (ADAM-03)', () => {
    expect((codec.parse(bytes('          125PCS\r\n')) as FrameError).code).toBe('UNIT');
    expect((codec.parse(bytes('GS 100.00%')) as FrameError).code).toBe('UNIT');
    expect((codec.parse(bytes('123.45.6 g')) as FrameError).code).toBe('MALFORMED');
    expect((codec.parse(bytes('hello')) as FrameError).code).toBe('MALFORMED');
  });

  it('ends lines at LF whether CR comes before it (Highland) or after it (CBC)', () => {
    expect(valid(parseAll(codec, [bytes('\n\r   1.234kg\n\r   2.000kg\r\n')])).filter((f) => f.kind === 'weight')).toHaveLength(2);
  });

  it('gives the same frames at every chunk boundary, with garbage and partial lines interleaved', () => {
    const stream = Buffer.concat([
      Buffer.from([0x00, 0xff]),
      bytes('   1.234kg\r\n'),
      bytes('garbage\r\n'),
      bytes('GROSS   123.45 g \r\nNo.         01\r\n'),
      Buffer.from([0x80, 0x13]),
      bytes('-      0.500 kg \r\n'),
    ]);
    const frames = expectChunkingInvariant(codec, stream).filter((f) => f.kind === 'weight');
    expect(frames.map((f) => (f.kind === 'weight' ? f.grams : null))).toEqual([1234, 123.45, -500]);
  });
});
