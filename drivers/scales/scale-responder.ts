/** What a simulated scale shows right now, in grams. */
export interface SimulatedScaleState {
  grams: number;
  stable: boolean;
  capacityG: number;
  /** Set by a zero command: subtracted from the weight on display. */
  zeroOffsetG: number;
}

/**
 * The device half of a scale protocol, one per connected peer (some protocols keep per-line state such as an
 * echo mode). Takes request bytes as they arrive and returns the bytes the scale would answer.
 */
export interface ScaleResponder {
  push(chunk: Buffer): Buffer[];
}
