import { PrintKeyRequests } from './print-key-requests.sim';
import type { ScaleResponder, SimulatedScale } from './scale-responder.sim';

export interface AdamResponderOptions {
  /** `continuous` streams every displayed value; `print` answers `P` only. */
  mode?: 'print' | 'continuous';
  /** AZextra behaviour: `P` gets an answer only for a new non-zero weight. Off by default (Highland, CBK). */
  quietWhenUnchanged?: boolean;
}

/**
 * An Adam Equipment scale: `P CR LF` prints the displayed weight as `   1.234kg CR LF`, `Z` zeroes and `T`
 * tares without an answer. Over capacity or under zero the display shows an error, so nothing is printed.
 */
export class AdamResponder implements ScaleResponder {
  private readonly requests: PrintKeyRequests;
  private lastPrinted: string | null = null;

  constructor(
    private readonly scale: SimulatedScale,
    private readonly options: AdamResponderOptions = {},
  ) {
    this.requests = new PrintKeyRequests(scale, 'P', '\n');
  }

  push(chunk: Buffer): Buffer[] {
    return this.requests.push(chunk, () => this.print());
  }

  tick(): Buffer | null {
    return this.options.mode === 'continuous' ? this.display() : null;
  }

  private print(): Buffer | null {
    const line = this.display();
    if (!this.options.quietWhenUnchanged) return line;
    const text = line?.toString('latin1') ?? null;
    if (text === null || text === this.lastPrinted || /^\s*-?0\.000kg/.test(text)) return null;
    this.lastPrinted = text;
    return line;
  }

  private display(): Buffer | null {
    const shown = this.scale.read();
    if (shown.overCapacity || shown.underZero) return null;
    const kg = (Math.abs(shown.grams) / 1000).toFixed(3);
    return Buffer.from(`${shown.grams < -0.0005 ? '-' : ' '}${kg.padStart(8)}kg\r\n`, 'latin1');
  }
}
