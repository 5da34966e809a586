import { DelimiterSplitter } from '../serial/delimiter-splitter';
import type { ScaleDisplay, ScaleResponder, SimulatedScale } from './scale-responder.sim';

const reply = (body: string): Buffer => Buffer.from(`\n${body}\r\x03`, 'latin1');

/**
 * An NCI / Weigh-Tronix SCP-01 scale: `W CR` → weight and status, `S CR` → status, `Z CR` → zero then status,
 * anything else → `LF ? CR ETX`. kg with 3 decimals (or lb with 2) in a 7-character field.
 */
export class NciResponder implements ScaleResponder {
  private readonly requests = new DelimiterSplitter({ delimiter: Buffer.from('\r'), maxLength: 16, printableOnly: true });

  constructor(
    private readonly scale: SimulatedScale,
    private readonly unit: 'kg' | 'lb' = 'kg',
  ) {}

  push(chunk: Buffer): Buffer[] {
    return this.requests.push(chunk).map((request) => this.answer(request.toString('latin1').trim()));
  }

  private answer(command: string): Buffer {
    switch (command) {
      case 'W': {
        const shown = this.scale.read();
        return reply(`${this.field(shown)}${this.unit}\r\n${status(shown)}`);
      }
      case 'S':
        return reply(status(this.scale.read()));
      case 'Z':
        this.scale.zero();
        return reply(status(this.scale.read()));
      default:
        return reply('?');
    }
  }

  private field(shown: ScaleDisplay): string {
    if (shown.overCapacity) return '^^^^^^^';
    if (shown.underZero) return '-------';
    const value = this.unit === 'kg' ? shown.grams / 1000 : shown.grams / 453.59237;
    const text = Math.abs(value).toFixed(this.unit === 'kg' ? 3 : 2);
    return value < 0 && Number(text) !== 0 ? `-${text.padStart(6, '0')}` : text.padStart(7, '0');
  }
}

/** Byte 1: b0 motion, b1 at zero; byte 2: b0 under capacity, b1 over capacity; bits 4 and 5 always set. */
function status(shown: ScaleDisplay): string {
  const first = 0x30 | (shown.stable ? 0 : 1) | (shown.centerOfZero ? 2 : 0);
  const second = 0x30 | (shown.underZero ? 1 : 0) | (shown.overCapacity ? 2 : 0);
  return String.fromCharCode(first, second);
}
