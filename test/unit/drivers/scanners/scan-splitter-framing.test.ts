import { describe, expect, it } from 'vitest';
import { ScanSplitter } from '../../../../drivers/scanners/scan-splitter';

const feed = (splitter: ScanSplitter, chunks: string[]): string[] => chunks.flatMap((chunk) => splitter.push(Buffer.from(chunk, 'utf8')));

describe('ScanSplitter suffix and flush', () => {
  it('strips a suffix before the terminator at every chunk boundary', () => {
    const stream = '*A-1#\r\n*B-2#\r\n';
    for (let cut = 0; cut <= stream.length; cut++) {
      const s = new ScanSplitter({ terminator: '\r\n', prefix: '*', suffix: '#' });
      expect(feed(s, [stream.slice(0, cut), stream.slice(cut)]), `cut ${cut}`).toEqual(['A-1', 'B-2']);
    }
  });

  it('keeps a code whose suffix is missing (the scanner was reprogrammed), and a suffix-like char inside', () => {
    const s = new ScanSplitter({ terminator: '\r', suffix: '\t' });
    expect(feed(s, ['AB\tC\r', 'PLAIN\r'])).toEqual(['AB\tC', 'PLAIN']);
  });

  it('with no terminator nothing ends until flush()', () => {
    const s = new ScanSplitter({ terminator: '', prefix: ']C1' });
    expect(feed(s, [']C1', '0104006381333931'])).toEqual([]);
    expect(s.pending).toBe(19);
    expect(s.flush()).toBe('0104006381333931');
    expect(s.pending).toBe(0);
    expect(s.flush()).toBeNull();
  });

  it('flush() after a terminator ended the last scan yields nothing', () => {
    const s = new ScanSplitter({ terminator: '\r' });
    expect(feed(s, ['A\r'])).toEqual(['A']);
    expect(s.flush()).toBeNull();
  });

  it('flush() ends a half-terminated scan and strips prefix and suffix', () => {
    const s = new ScanSplitter({ terminator: '\r\n', prefix: '<', suffix: '>' });
    expect(feed(s, ['<XYZ>\r'])).toEqual([]);
    expect(s.flush()).toBe('XYZ');
  });

  it('bounds the buffer without a terminator and flushes the over-long burst to nothing', () => {
    const s = new ScanSplitter({ terminator: '', maxLength: 8 });
    feed(s, ['x'.repeat(5), 'y'.repeat(5)]);
    expect(s.pending).toBeLessThanOrEqual(8);
    expect(s.flush()).toBeNull();
    feed(s, ['OK']);
    expect(s.flush()).toBe('OK');
  });

  it('never holds more than maxLength + terminator bytes whatever arrives', () => {
    const s = new ScanSplitter({ terminator: '\r\n', maxLength: 32 });
    for (let i = 0; i < 200; i++) {
      s.push(Buffer.from('z'.repeat(7)));
      expect(s.pending).toBeLessThanOrEqual(32 + 2);
    }
  });
});
