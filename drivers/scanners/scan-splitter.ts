export interface ScanSplitterOptions {
  /**
   * Bytes that end one scan (`\r`, `\n`, `\r\n`...). Empty when the scanner sends none: then only `flush()` (called
   * by the owner after its inter-character timeout) ends a scan.
   */
  terminator: string;
  /** Bytes the scanner puts before each code; empty when it sends none. */
  prefix?: string;
  /** Bytes the scanner puts after each code, before the terminator (a tab, `*`...); stripped when present. */
  suffix?: string;
  /** A scan longer than this is noise (2D codes top out around 3 KB); it is dropped, not accumulated. */
  maxLength?: number;
  /** Told what was dropped as noise and why, so a misconfigured scanner shows in the log instead of going quiet. */
  onNoise?: (reason: string) => void;
}

// Whitespace and C0 controls at the ends are scanner framing; inside a code they matter (GS in GS1 codes).
const isEdgeJunk = (char: string): boolean => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f || /\s/.test(char);

function trimEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isEdgeJunk(text.charAt(start))) start++;
  while (end > start && isEdgeJunk(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Turns chunks from a serial scanner into complete scans. Pure: no I/O, no timers. */
export class ScanSplitter {
  private readonly terminator: Buffer;
  private readonly prefix: Buffer;
  private readonly suffix: Buffer;
  private readonly maxLength: number;
  private buffer: Buffer = Buffer.alloc(0);
  private discarding = false;
  private readonly onNoise: (reason: string) => void;

  constructor(options: ScanSplitterOptions) {
    this.onNoise = options.onNoise ?? (() => undefined);
    this.terminator = Buffer.from(options.terminator, 'utf8');
    this.prefix = Buffer.from(options.prefix ?? '', 'utf8');
    this.suffix = Buffer.from(options.suffix ?? '', 'utf8');
    this.maxLength = options.maxLength ?? 4096;
  }

  /** Bytes of a scan not yet ended by its terminator (the owner arms its inter-character timer while > 0). */
  get pending(): number {
    return this.buffer.length;
  }

  push(chunk: Buffer): string[] {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    const scans: string[] = [];
    let start = 0;
    if (this.terminator.length > 0) {
      for (let end = this.buffer.indexOf(this.terminator, start); end !== -1; end = this.buffer.indexOf(this.terminator, start)) {
        // The tail of an over-long burst is noise too, not a scan.
        const code = !this.discarding && end - start <= this.maxLength ? this.extract(this.buffer.subarray(start, end)) : null;
        if (code) scans.push(code);
        this.discarding = false;
        start = end + this.terminator.length;
      }
    }
    this.buffer = Buffer.from(this.buffer.subarray(start));
    if (this.buffer.length > this.maxLength + this.terminator.length) {
      if (!this.discarding) this.onNoise(`dropped a burst longer than ${this.maxLength} bytes without a terminator`);
      this.discarding = true;
      // Keep just enough to recognise a terminator split across chunks.
      const keep = Math.max(0, this.terminator.length - 1);
      this.buffer = keep === 0 ? Buffer.alloc(0) : Buffer.from(this.buffer.subarray(this.buffer.length - keep));
    }
    return scans;
  }

  /**
   * Ends the pending scan as if its terminator had arrived: the scanner went quiet for the inter-character timeout.
   * An over-long burst that was being discarded ends here too, yielding nothing.
   */
  flush(): string | null {
    const code = this.discarding || this.buffer.length > this.maxLength ? null : this.extract(this.buffer);
    this.reset();
    return code;
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.discarding = false;
  }

  private extract(segment: Buffer): string | null {
    let body = segment;
    if (this.prefix.length > 0) {
      // Noise before the prefix (a half-sent scan, power-up bytes) is dropped; no prefix at all is not a scan.
      const at = segment.lastIndexOf(this.prefix);
      if (at === -1) {
        if (segment.length > 0) this.onNoise(`dropped ${segment.length} bytes without the configured prefix`);
        return null;
      }
      body = segment.subarray(at + this.prefix.length);
    }
    if (this.suffix.length > 0) {
      // Trailing framing the scanner adds after the suffix (a stray LF) must not hide it.
      const trimmed = trimTrailingFraming(body);
      if (trimmed.length >= this.suffix.length && trimmed.subarray(trimmed.length - this.suffix.length).equals(this.suffix)) {
        body = trimmed.subarray(0, trimmed.length - this.suffix.length);
      }
    }
    const code = trimEdges(body.toString('utf8'));
    return code.length > 0 ? code : null;
  }
}

function trimTrailingFraming(body: Buffer): Buffer {
  let end = body.length;
  while (end > 0 && (body[end - 1] === 0x0d || body[end - 1] === 0x0a)) end--;
  return body.subarray(0, end);
}
