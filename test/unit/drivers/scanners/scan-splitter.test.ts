import { describe, expect, it } from 'vitest';
import { ScanSplitter } from '../../../../drivers/scanners/scan-splitter';

const feed = (splitter: ScanSplitter, chunks: (string | Buffer)[]): string[] =>
  chunks.flatMap((chunk) => splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk));

describe('ScanSplitter', () => {
  it('splits on the terminator at every chunk boundary', () => {
    const stream = Buffer.from('WH/OUT/00012\r4006381333931\rTOTE-7\r');
    const want = ['WH/OUT/00012', '4006381333931', 'TOTE-7'];
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(feed(new ScanSplitter({ terminator: '\r' }), [stream.subarray(0, cut), stream.subarray(cut)]), `cut ${cut}`).toEqual(want);
    }
    expect(feed(new ScanSplitter({ terminator: '\r' }), [...stream].map((b) => Buffer.from([b])))).toEqual(want);
  });

  it('handles multi-byte terminators split across chunks and trims framing whitespace', () => {
    const s = new ScanSplitter({ terminator: '\r\n' });
    expect(feed(s, ['  ABC \r', '\n\tDEF\r', '\n'])).toEqual(['ABC', 'DEF']);
  });

  it('tolerates a scanner that sends CR LF when configured for CR', () => {
    expect(feed(new ScanSplitter({ terminator: '\r' }), ['A1\r\nB2\r\n'])).toEqual(['A1', 'B2']);
  });

  it('keeps control characters inside a code (GS1 group separators)', () => {
    expect(feed(new ScanSplitter({ terminator: '\n' }), ['\x1d0104006381333931\x1d10ABC\n'])).toEqual(['0104006381333931\x1d10ABC']);
  });

  it('strips the prefix, drops noise before it, and ignores segments without it', () => {
    const s = new ScanSplitter({ terminator: '\r', prefix: ']C1' });
    expect(feed(s, ['noise]C1', 'ABC\r', 'no-prefix\r', ']C1DEF\r'])).toEqual(['ABC', 'DEF']);
  });

  it('skips empty scans', () => {
    expect(feed(new ScanSplitter({ terminator: '\r' }), ['\r\r \r'])).toEqual([]);
  });

  it('decodes UTF-8 even when a character is split across chunks', () => {
    const bytes = Buffer.from('Größe-1\r', 'utf8');
    expect(feed(new ScanSplitter({ terminator: '\r' }), [bytes.subarray(0, 3), bytes.subarray(3)])).toEqual(['Größe-1']);
  });

  it('bounds its buffer and drops the whole over-long burst', () => {
    const s = new ScanSplitter({ terminator: '\r', maxLength: 16 });
    expect(feed(s, ['x'.repeat(100), 'y'.repeat(100)])).toEqual([]);
    expect(feed(s, ['tail\rOK\r'])).toEqual(['OK']);
  });

  it('forgets half a scan on reset', () => {
    const s = new ScanSplitter({ terminator: '\r' });
    feed(s, ['HALF']);
    s.reset();
    expect(feed(s, ['NEW\r'])).toEqual(['NEW']);
  });
});
