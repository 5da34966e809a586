import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { FrameSplitter } from '../serial/frame-splitter';
import { FrameError } from './frame-error';
import { parseUnit, weightFromText, type ScaleCodec, type ScaleFrame } from './scale-protocol';

export interface AdamOptions {
  /**
   * `print` (default) polls with `P CR LF`, as Odoo's AZextra driver does. `continuous` is for a scale whose
   * RS-232 print mode is set to continuous output: it streams the displayed value and is never asked.
   */
  mode?: 'print' | 'continuous';
}

const LF = Buffer.from('\n', 'latin1');
const line = (text: string): Buffer => Buffer.from(`${text}\r\n`, 'latin1');

/** Headings of a print block (Highland "Format 1", CBC/CBK) that carry no current weight. */
const OTHER_LINE = /^(No\.|Total|Date|Time|Scale ID|User ID|PCS|Unit Wt\.?)(\s.*)?$/i;
/** `[label] [sign] digits unit`: `   1.234kg`, `+     123.45 g `, `GROSS   123.45 g`, `Net Wt 1.234 Kg`, `GS 1.234 kg`. */
const WEIGHT_LINE = /^(?:(GROSS|NET|Gross Wt\.?|Net Wt\.?|Wt\.|GS|NT)\s+)?([+-]?\s*\d+(?:\.\d*)?)\s*([A-Za-z%]+)$/i;

/**
 * Adam Equipment scales (AZextra, Highland, CBK/CBC, CPWplus...). The output is what the display shows, one
 * value per line ending CR LF (CBC ends LF CR), with no stability flag: readings are marked `unflagged` and need
 * a stability window. An AZextra answers `P` only when there is a NEW non-zero weight — an unchanged weight or
 * an empty platter gets no answer at all — so silence is normal and the codec says so (`quietWhenUnchanged`).
 */
export class AdamCodec implements ScaleCodec {
  readonly name = 'adam';
  readonly request: Buffer | null;
  readonly commands = { zero: line('Z'), tare: line('T') };
  readonly reportsStability = false;
  readonly quietWhenUnchanged: boolean;
  /** AZextra and Highland ship at 4800 8N1 (Odoo's driver uses the same). */
  readonly defaultLink = { baudRate: 4800, dataBits: 8, parity: 'none', stopBits: 1 } as const;

  constructor(options: AdamOptions = {}) {
    const continuous = options.mode === 'continuous';
    this.request = continuous ? null : line('P');
    this.quietWhenUnchanged = !continuous;
  }

  frames(): FrameSplitter {
    // printableOnly drops the CR wherever it sits, so CR LF and LF CR both end a line at the LF.
    return new DelimiterSplitter({ delimiter: LF, maxLength: 64, printableOnly: true });
  }

  parse(frame: Buffer): ScaleFrame | FrameError {
    const text = frame.toString('latin1').replace(/[\r\n]+/g, '').trim();
    if (text === '') return { kind: 'reply', command: '', status: '', fields: [] };
    const other = OTHER_LINE.exec(text);
    if (other?.[1]) return { kind: 'reply', command: other[1], status: '', fields: [(other[2] ?? '').trim()] };
    const weight = WEIGHT_LINE.exec(text);
    if (!weight?.[2] || !weight[3]) return FrameError.of('MALFORMED', 'not an Adam weight line', frame);
    const unit = parseUnit(weight[3]);
    if (!unit) return FrameError.of('UNIT', `unit "${weight[3]}" is not a weight unit`, frame);
    const label = weight[1]?.toUpperCase();
    const extra = { unflagged: true, ...(label === undefined || label === 'WT.' ? {} : { net: label.startsWith('N') }) };
    return weightFromText(weight[2], unit, true, extra) ?? FrameError.of('MALFORMED', 'weight is not a number', frame);
  }
}
