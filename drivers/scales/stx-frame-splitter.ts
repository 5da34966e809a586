import type { FrameSplitter } from '../serial/frame-splitter';

const STX = 0x02;
const CR = 0x0d;

/**
 * Cuts `STX body CR` frames out of a byte stream and emits the bodies. Bytes outside a frame are noise (or echo
 * mode chatter) and are dropped; a second STX before the CR means the first frame was cut short, so it restarts.
 */
export class StxFrameSplitter implements FrameSplitter {
  private body: number[] | null = null;

  constructor(private readonly maxLength = 32) {}

  push(chunk: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    for (const byte of chunk) {
      if (byte === STX) {
        this.body = [];
      } else if (this.body === null) {
        continue;
      } else if (byte === CR) {
        frames.push(Buffer.from(this.body));
        this.body = null;
      } else if (this.body.length >= this.maxLength) {
        this.body = null;
      } else {
        this.body.push(byte);
      }
    }
    return frames;
  }

  reset(): void {
    this.body = null;
  }
}
