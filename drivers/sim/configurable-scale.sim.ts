import type { ConfigurableScale } from '../../app/domain';
import { PrintKeyRequests } from './print-key-requests.sim';
import type { ScaleResponder, SimulatedScale } from './scale-responder.sim';

/**
 * A scale no built-in protocol covers, for the demo and tests of the configurable protocol: it prints like an
 * Ohaus RS232 balance (`       12.73 g    ?` — value right-aligned in 12, unit, `?` while unstable) and takes
 * Ohaus-style `IP` (print now), `Z` and `T`. This block is what a station would configure for it.
 */
export const SAMPLE_CONFIGURABLE_SCALE: ConfigurableScale = {
  request: 'IP\\r\\n',
  terminator: '\\r\\n',
  pattern: '^\\s*(?<weight>-?\\d+(?:\\.\\d+)?)\\s+(?<unit>[A-Za-z]+)\\s*(?<motion>\\?)?\\s*$',
  defaultUnit: 'g',
  zero: 'Z\\r\\n',
  tare: 'T\\r\\n',
};

export class ConfigurableResponder implements ScaleResponder {
  private readonly requests: PrintKeyRequests;

  constructor(private readonly scale: SimulatedScale) {
    this.requests = new PrintKeyRequests(scale, 'IP', '\r\n');
  }

  push(chunk: Buffer): Buffer[] {
    return this.requests.push(chunk, () => this.print());
  }

  private print(): Buffer {
    const shown = this.scale.read();
    // Over capacity or under zero an Ohaus prints dashes, which the sample pattern rightly does not accept.
    const value = shown.overCapacity || shown.underZero ? '--------' : shown.grams.toFixed(2);
    return Buffer.from(`${value.padStart(12)} g${shown.stable ? '    ' : '   ?'}\r\n`, 'latin1');
  }
}
