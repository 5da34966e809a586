/** What a simulated scale's display shows at this instant, in grams (noise already applied). */
export interface ScaleDisplay {
  /** Gross minus zero offset minus tare. */
  grams: number;
  stable: boolean;
  overCapacity: boolean;
  /** The gross load is below the zero point (not merely a negative net after a tare). */
  underZero: boolean;
  net: boolean;
  centerOfZero: boolean;
}

/** The scale behind every protocol responder: what it shows, and its zero/tare keys. */
export interface SimulatedScale {
  read(): ScaleDisplay;
  /** As the device's key would: refused (false) while in motion or overloaded. */
  zero(): boolean;
  tare(): boolean;
  /** The tare weight currently stored, in grams. */
  tareG(): number;
}

/**
 * The device half of a scale protocol, one per connected peer (some protocols keep per-line state such as an
 * echo mode or a running SIR stream). Takes request bytes as they arrive and returns the bytes the scale would
 * answer; `tick()` is called about every 100 ms for scales that stream by themselves.
 */
export interface ScaleResponder {
  push(chunk: Buffer): Buffer[];
  tick?(): Buffer | null;
}
