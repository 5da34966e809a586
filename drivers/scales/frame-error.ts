/**
 * Stable reasons a frame is not a usable answer. Drivers decide on `code`; the message is for logs.
 * - MALFORMED: not a frame of this protocol (noise, wrong baud rate, wrong protocol configured)
 * - UNIT: a weight in a unit we cannot convert to grams (pieces, percent...)
 * - SYNTAX / TRANSMISSION / LOGICAL: the device rejected our command (MT-SICS ES / ET / EL, `S L`)
 * - RANGE: a well-formed weight no scale at a packing bench can show (beyond `scale.maxG`): corruption, not a load
 */
export type FrameErrorCode = 'MALFORMED' | 'UNIT' | 'SYNTAX' | 'TRANSMISSION' | 'LOGICAL' | 'RANGE';

export class FrameError {
  readonly kind = 'error' as const;

  constructor(
    readonly code: FrameErrorCode,
    readonly message: string,
    /** The offending frame as latin-1 text with control bytes escaped, for logs. */
    readonly frame: string,
  ) {}

  static of(code: FrameErrorCode, message: string, frame: Buffer): FrameError {
    return new FrameError(code, message, escapeFrame(frame));
  }
}

export function escapeFrame(frame: Buffer): string {
  return [...frame]
    .map((byte) => (byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`))
    .join('');
}
