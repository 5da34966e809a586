/**
 * Turns arbitrary chunks of a byte stream into complete frames. Serial and TCP transports deliver bytes in any
 * grouping, so every protocol parser sits behind one of these and only ever sees whole frames.
 * Implementations are pure and keep a bounded buffer: garbage is dropped, never accumulated.
 */
export interface FrameSplitter {
  push(chunk: Buffer): Buffer[];
  /** Forget any partial frame (after a reconnect the bytes before the gap are meaningless). */
  reset(): void;
}
