import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { ScaleResponder, SimulatedScaleState } from './scale-responder';

const line = (text: string): Buffer => Buffer.from(`${text}\r\n`, 'latin1');

/** A Mettler Toledo balance answering MT-SICS level 0 commands (S, SI, Z, @) in grams. */
export class MtSicsResponder implements ScaleResponder {
  private readonly requests = new DelimiterSplitter({ delimiter: Buffer.from('\r\n'), maxLength: 64, printableOnly: true });

  constructor(private readonly state: () => SimulatedScaleState) {}

  push(chunk: Buffer): Buffer[] {
    return this.requests.push(chunk).map((request) => this.answer(request.toString('latin1').trim()));
  }

  private answer(command: string): Buffer {
    const state = this.state();
    const shown = state.grams - state.zeroOffsetG;
    switch (command) {
      case 'S':
        // A real balance waits for stability and gives up with `S I`; the simulator gives up at once.
        if (state.grams > state.capacityG) return line('S +');
        return state.stable ? line(weightLine('S', shown)) : line('S I');
      case 'SI':
        if (state.grams > state.capacityG) return line('S +');
        return line(weightLine(state.stable ? 'S' : 'D', shown));
      case 'Z':
        if (!state.stable) return line('Z I');
        state.zeroOffsetG = state.grams;
        return line('Z A');
      case '@':
        return line('I4 A "SIM0000001"');
      default:
        return line('ES');
    }
  }
}

/** Value right-aligned in a 10-character field, as the MT-SICS reference manual specifies. */
function weightLine(status: 'S' | 'D', grams: number): string {
  return `S ${status} ${grams.toFixed(2).padStart(10)} g`;
}
