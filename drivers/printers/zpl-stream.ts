/**
 * Splits the raw port-9100 byte stream the way a Zebra reads it: `^XA…^XZ` formats, and host queries (`~HS`,
 * `~HI`, `~HQES`) that a printer acts on the moment they arrive, even in the middle of a format.
 * Pure: the simulator feeds it socket chunks, tests feed it every possible split.
 */

export type HostQuery = 'HS' | 'HI' | 'HQES';
export type ZplStreamEvent = { kind: 'label'; zpl: string } | { kind: 'query'; query: HostQuery };

// Command names are case-insensitive on Zebra firmware.
const MARKER = /~HS|~HI|~HQES|\^XA|\^XZ/gi;
// The longest marker is 5 characters, so at most 4 trailing characters may be the start of one.
const LOOKBACK = 4;

export class ZplStreamSplitter {
  /** latin1 text: one char per byte, so a chunk boundary inside a UTF-8 sequence cannot corrupt anything. */
  private buffer = '';
  private scanFrom = 0;
  private labelStart: number | null = null;
  private readonly maxLabelBytes: number;

  constructor(opts: { maxLabelBytes?: number } = {}) {
    this.maxLabelBytes = opts.maxLabelBytes ?? 16 * 1024 * 1024;
  }

  push(chunk: Buffer | string): ZplStreamEvent[] {
    this.buffer += typeof chunk === 'string' ? Buffer.from(chunk, 'utf8').toString('latin1') : chunk.toString('latin1');
    const events: ZplStreamEvent[] = [];
    for (;;) {
      MARKER.lastIndex = this.scanFrom;
      const match = MARKER.exec(this.buffer);
      if (!match) break;
      const token = match[0].toUpperCase();
      const end = match.index + token.length;
      if (token.startsWith('~')) {
        events.push({ kind: 'query', query: token.slice(1) as HostQuery });
        this.buffer = this.buffer.slice(0, match.index) + this.buffer.slice(end);
        this.scanFrom = match.index;
        continue;
      }
      this.scanFrom = end;
      if (token === '^XA') {
        // A second ^XA inside a format is just another command to the printer; the format started at the first.
        this.labelStart ??= match.index;
      } else if (this.labelStart !== null) {
        events.push({ kind: 'label', zpl: Buffer.from(this.buffer.slice(this.labelStart, end), 'latin1').toString('utf8') });
        this.buffer = this.buffer.slice(end);
        this.scanFrom = 0;
        this.labelStart = null;
      }
    }
    this.compact();
    return events;
  }

  /** Drops bytes that can no longer be part of a label or a query, so an idle connection holds almost nothing. */
  private compact(): void {
    const keepFrom = this.labelStart ?? Math.max(0, this.buffer.length - LOOKBACK);
    this.buffer = this.buffer.slice(keepFrom);
    if (this.labelStart !== null) this.labelStart = 0;
    // Rescanning the tail is safe: consumed queries and finished labels are already cut out of the buffer.
    this.scanFrom = Math.max(0, this.buffer.length - LOOKBACK);
    if (this.buffer.length > this.maxLabelBytes) {
      // A format that never ends would grow forever; a real printer would run out of buffer too.
      this.buffer = '';
      this.scanFrom = 0;
      this.labelStart = null;
    }
  }
}
