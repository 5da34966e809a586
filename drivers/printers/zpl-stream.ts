/**
 * Splits the raw port-9100 byte stream the way a Zebra reads it: `^XA…^XZ` formats, host queries (`~HS`, `~HI`,
 * `~HQES`, `~HQOD`) that a printer acts on the moment they arrive, even in the middle of a format, and SGD commands
 * (`! U1 getvar "name"` CR LF).
 * Pure: the simulator feeds it socket chunks, tests feed it every possible split.
 */

export type HostQuery = 'HS' | 'HI' | 'HQES' | 'HQOD';
export type ZplStreamEvent =
  | { kind: 'label'; zpl: string }
  | { kind: 'query'; query: HostQuery }
  | { kind: 'sgd'; verb: 'getvar' | 'setvar' | 'do'; name: string; value?: string };

// Command names are case-insensitive on Zebra firmware. SGD lines end with CR LF (or LF).
const MARKER = /~HS|~HI|~HQES|~HQOD|\^XA|\^XZ|! U1 (getvar|setvar|do) "([^"\r\n]*)"(?: "([^"\r\n]*)")?[^\S\r\n]*\r?\n/gi;
// A marker may straddle a chunk boundary: the tail this long is scanned again with the next chunk. It covers the
// longest SGD command we recognise; longer ones (nobody sends them to a label printer) are not seen.
const RESCAN = 256;

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
      const end = match.index + match[0].length;
      const token = match[0].slice(0, 3).toUpperCase();
      if (token.startsWith('~') || token === '! U') {
        events.push(commandEvent(match));
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

  /** Drops bytes that can no longer be part of a label or a command, so an idle connection holds almost nothing. */
  private compact(): void {
    const keepFrom = this.labelStart ?? Math.max(0, this.buffer.length - RESCAN);
    this.buffer = this.buffer.slice(keepFrom);
    if (this.labelStart !== null) this.labelStart = 0;
    // Rescanning the tail is safe: consumed commands and finished labels are already cut out of the buffer, and a
    // ^XA found again inside an open format changes nothing.
    this.scanFrom = Math.max(0, this.buffer.length - RESCAN);
    if (this.buffer.length > this.maxLabelBytes) {
      // A format that never ends would grow forever; a real printer would run out of buffer too.
      this.buffer = '';
      this.scanFrom = 0;
      this.labelStart = null;
    }
  }
}

function commandEvent(match: RegExpExecArray): ZplStreamEvent {
  const text = match[0];
  if (text.startsWith('~')) return { kind: 'query', query: text.slice(1).toUpperCase() as HostQuery };
  const verb = (match[1] ?? 'getvar').toLowerCase() as 'getvar' | 'setvar' | 'do';
  const name = match[2] ?? '';
  return match[3] === undefined ? { kind: 'sgd', verb, name } : { kind: 'sgd', verb, name, value: match[3] };
}
