import type { ScaleResponder, SimulatedScaleState } from './scale-responder';

const STX = '\x02';
const CR = '\r';
const ALWAYS_SET = 0x40;
const record = (body: string): Buffer => Buffer.from(`${STX}${body}${CR}`, 'latin1');
const status = (bits: number): Buffer => record(`?${String.fromCharCode(ALWAYS_SET | bits)}`);

/**
 * A Toledo 8217 scale: single-byte commands without terminator. Weights go out in kg with 3 decimals or lb with
 * 2, which is how the codec's 'auto' unit tells them apart. `E` starts echo mode (Odoo's probe), `F` ends it.
 */
export class Toledo8217Responder implements ScaleResponder {
  private echo = false;

  constructor(
    private readonly state: () => SimulatedScaleState,
    private readonly unit: 'kg' | 'lb' = 'kg',
  ) {}

  push(chunk: Buffer): Buffer[] {
    const replies: Buffer[] = [];
    for (const byte of chunk) {
      const command = String.fromCharCode(byte);
      if (this.echo) {
        if (command === 'F') this.echo = false;
        else replies.push(Buffer.from([byte]));
        continue;
      }
      const reply = this.answer(command);
      if (reply) replies.push(reply);
    }
    return replies;
  }

  private answer(command: string): Buffer | null {
    const state = this.state();
    const shown = state.grams - state.zeroOffsetG;
    switch (command) {
      case 'W':
        if (state.grams > state.capacityG) return status(0b10);
        if (!state.stable) return status(0b1);
        if (shown < 0) return status(0b100);
        return record(this.format(shown));
      case 'Z':
        if (!state.stable) return status(0b1);
        state.zeroOffsetG = state.grams;
        return status(0b10000);
      case 'E':
        this.echo = true;
        return record('E');
      default:
        return null;
    }
  }

  private format(grams: number): string {
    return this.unit === 'kg' ? (grams / 1000).toFixed(3).padStart(6, '0') : (grams / 453.59237).toFixed(2).padStart(5, '0');
  }
}
