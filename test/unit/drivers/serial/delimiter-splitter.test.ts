import { describe, expect, it } from 'vitest';
import { DelimiterSplitter } from '../../../../drivers/serial/delimiter-splitter';
import { backoffDelay } from '../../../../drivers/serial/backoff';

const text = (frames: Buffer[]): string[] => frames.map((f) => f.toString('latin1'));

describe('DelimiterSplitter', () => {
  it('emits complete frames only, keeping the partial one for the next chunk', () => {
    const s = new DelimiterSplitter({ delimiter: Buffer.from('\r\n'), maxLength: 16 });
    expect(text(s.push(Buffer.from('ab\r\ncd\r')))).toEqual(['ab']);
    expect(s.pending).toBe(3);
    expect(text(s.push(Buffer.from('\nef')))).toEqual(['cd']);
    expect(text(s.push(Buffer.from('\r\n\r\n')))).toEqual(['ef', '']);
  });

  it('drops non-printable bytes when asked, but keeps the delimiter', () => {
    const s = new DelimiterSplitter({ delimiter: Buffer.from('\r\n'), maxLength: 16, printableOnly: true });
    expect(text(s.push(Buffer.from([0x00, 0x41, 0xff, 0x42, 0x0d, 0x0a])))).toEqual(['AB']);
  });

  it('bounds its buffer and skips the whole over-long line', () => {
    const s = new DelimiterSplitter({ delimiter: Buffer.from('\r\n'), maxLength: 8 });
    expect(s.push(Buffer.from('0123456789abcdef'))).toEqual([]);
    expect(s.pending).toBeLessThanOrEqual(9);
    expect(text(s.push(Buffer.from('tail\r\nok\r\n')))).toEqual(['ok']);
  });

  it('finds a delimiter split across chunks right after an overflow', () => {
    const s = new DelimiterSplitter({ delimiter: Buffer.from('\r\n'), maxLength: 4 });
    s.push(Buffer.from('xxxxxxxxx\r'));
    expect(text(s.push(Buffer.from('\nok\r\n')))).toEqual(['ok']);
  });

  it('forgets a partial frame on reset', () => {
    const s = new DelimiterSplitter({ delimiter: Buffer.from('\n'), maxLength: 8 });
    s.push(Buffer.from('half'));
    s.reset();
    expect(text(s.push(Buffer.from('new\n')))).toEqual(['new']);
  });

  it('refuses an empty delimiter', () => {
    expect(() => new DelimiterSplitter({ delimiter: Buffer.alloc(0), maxLength: 1 })).toThrow(RangeError);
  });
});

describe('backoffDelay', () => {
  it('doubles from 250 ms and caps at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
    expect(backoffDelay(3, { baseMs: 10, maxMs: 50 })).toBe(50);
  });
});
