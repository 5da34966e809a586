import type { FrameSplitter } from './frame-splitter';

export interface DelimiterSplitterOptions {
  /** Bytes that end a frame; they are not part of the emitted frame. */
  delimiter: Buffer;
  /** A frame longer than this is line noise or a wrong baud rate: it is dropped instead of growing the buffer. */
  maxLength: number;
  /** Drop bytes outside printable ASCII (line noise, NULs after power-up) before they reach the buffer. */
  printableOnly?: boolean;
}

/** Splits a byte stream on a delimiter. Pure: no I/O, no timers. */
export class DelimiterSplitter implements FrameSplitter {
  private buffer: Buffer = Buffer.alloc(0);
  private discarding = false;

  constructor(private readonly options: DelimiterSplitterOptions) {
    if (options.delimiter.length === 0) throw new RangeError('delimiter must not be empty');
  }

  push(chunk: Buffer): Buffer[] {
    const data = this.options.printableOnly ? keepPrintable(chunk, this.options.delimiter) : chunk;
    this.buffer = this.buffer.length === 0 ? Buffer.from(data) : Buffer.concat([this.buffer, data]);
    const frames: Buffer[] = [];
    const { delimiter, maxLength } = this.options;
    let start = 0;
    for (let end = this.buffer.indexOf(delimiter, start); end !== -1; end = this.buffer.indexOf(delimiter, start)) {
      // The end of an over-long line is no frame either: skip up to its delimiter.
      if (!this.discarding && end - start <= maxLength) frames.push(Buffer.from(this.buffer.subarray(start, end)));
      this.discarding = false;
      start = end + delimiter.length;
    }
    this.buffer = this.buffer.subarray(start);
    if (this.buffer.length > maxLength + delimiter.length) {
      this.discarding = true;
      // Keep what could be the start of a delimiter split across chunks.
      this.buffer = Buffer.from(this.buffer.subarray(this.buffer.length - (delimiter.length - 1)));
    }
    return frames;
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.discarding = false;
  }

  /** Bytes waiting for a delimiter (for tests and diagnostics). */
  get pending(): number {
    return this.buffer.length;
  }
}

function keepPrintable(chunk: Buffer, delimiter: Buffer): Buffer {
  const keep = new Set(delimiter);
  const out = Buffer.alloc(chunk.length);
  let n = 0;
  for (const byte of chunk) {
    if ((byte >= 0x20 && byte <= 0x7e) || keep.has(byte)) out[n++] = byte;
  }
  return out.subarray(0, n);
}
