import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { ScaleResponder, SimulatedScale } from './scale-responder.sim';

const line = (text: string): Buffer => Buffer.from(`${text}\r\n`, 'latin1');

/**
 * A Mettler Toledo balance answering MT-SICS level 0/1 commands (S, SI, SIR, Z, T, @) in grams. `SIR` starts a
 * stream of weight lines that the next command ends, as the reference manual specifies.
 */
export class MtSicsResponder implements ScaleResponder {
  private readonly requests = new DelimiterSplitter({ delimiter: Buffer.from('\r\n'), maxLength: 64, printableOnly: true });
  private repeating = false;

  constructor(private readonly scale: SimulatedScale) {}

  push(chunk: Buffer): Buffer[] {
    return this.requests.push(chunk).flatMap((request) => {
      const reply = this.answer(request.toString('latin1').trim());
      return reply ? [reply] : [];
    });
  }

  tick(): Buffer | null {
    return this.repeating ? this.weigh('SI') : null;
  }

  private answer(command: string): Buffer | null {
    this.repeating = false;
    switch (command) {
      case 'S':
      case 'SI':
        return this.weigh(command);
      case 'SIR':
        this.repeating = true;
        return this.weigh('SI');
      case 'Z':
        return line(this.scale.zero() ? 'Z A' : this.scale.read().overCapacity ? 'Z +' : 'Z I');
      case 'T':
        return this.scale.tare() ? line(`T S ${this.scale.tareG().toFixed(2).padStart(10)} g`) : line('T I');
      case '@':
        return line('I4 A "SIM0000001"');
      default:
        return line('ES');
    }
  }

  private weigh(command: 'S' | 'SI'): Buffer {
    const shown = this.scale.read();
    if (shown.overCapacity) return line('S +');
    if (shown.underZero) return line('S -');
    // A real balance waits for stability on `S` and gives up with `S I`; the simulator gives up at once.
    if (command === 'S' && !shown.stable) return line('S I');
    return line(`S ${shown.stable ? 'S' : 'D'} ${shown.grams.toFixed(2).padStart(10)} g`);
  }
}
