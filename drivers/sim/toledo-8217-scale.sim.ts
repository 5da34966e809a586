import type { ScaleResponder, ScaleDisplay, SimulatedScale } from './scale-responder.sim';

const STX = '\x02';
const CR = '\r';
const ALWAYS_SET = 0x40;
const record = (body: string): Buffer => Buffer.from(`${STX}${body}${CR}`, 'latin1');

/**
 * A Toledo 8217 scale: single-byte commands without terminator. Weights go out in kg with 3 decimals or lb with
 * 2, which is how the codec's 'auto' unit tells them apart. `Z` zeroes and `T` tares (both answer a status
 * record); `E` starts echo mode (Odoo's probe), `F` ends it.
 */
export class Toledo8217Responder implements ScaleResponder {
  private echo = false;

  private readonly decimals: number;

  constructor(
    private readonly scale: SimulatedScale,
    private readonly unit: 'kg' | 'lb' = 'kg',
    /** Set up otherwise than the manual's rule (e.g. lb with 3 decimals), the station needs `scale.unit`. */
    decimals?: number,
  ) {
    this.decimals = decimals ?? (unit === 'kg' ? 3 : 2);
  }

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
    switch (command) {
      case 'W': {
        const shown = this.scale.read();
        if (shown.overCapacity || !shown.stable || shown.underZero || shown.grams < 0) return status(shown);
        return record(`${this.format(shown.grams)}${shown.net ? 'N' : ''}`);
      }
      case 'Z':
        this.scale.zero();
        return status(this.scale.read());
      case 'T':
        this.scale.tare();
        return status(this.scale.read());
      case 'E':
        this.echo = true;
        return record('E');
      default:
        return null;
    }
  }

  private format(grams: number): string {
    const value = this.unit === 'kg' ? grams / 1000 : grams / 453.59237;
    return value.toFixed(this.decimals).padStart(this.decimals + 3, '0');
  }
}

/** DIVA status byte: b0 motion, b1 over capacity, b2 under zero, b4 center of zero, b5 net, b6 always 1. */
function status(shown: ScaleDisplay): Buffer {
  const bits =
    (shown.stable ? 0 : 1) |
    (shown.overCapacity ? 2 : 0) |
    (shown.underZero || shown.grams < 0 ? 4 : 0) |
    (shown.centerOfZero ? 16 : 0) |
    (shown.net ? 32 : 0);
  return record(`?${String.fromCharCode(ALWAYS_SET | bits)}`);
}
