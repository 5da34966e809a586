/**
 * How printer drivers reach a printer, whatever the cable: raw TCP 9100, a serial line (local, USB identity or a
 * device server), or a device file such as `/dev/usb/lp0`. Drivers speak their printer language over this and never
 * learn which one it is.
 *
 * Failures: a transport rejects with StationError('NETWORK') for TCP and StationError('DEVICE') for serial ports and
 * device files, so health can say "unreachable" either way.
 */

export type QueryResult<T> =
  /** The collector recognised a complete reply. */
  | { kind: 'answer'; value: T }
  /** The request went out and nothing complete came back in time (a Zebra is silent to ~HS while faulted). */
  | { kind: 'timeout' }
  /** This connection cannot carry replies at all (a write-only device file): the printer's state is unknown. */
  | { kind: 'unsupported' };

export interface PrinterTransport {
  /** For messages: `10.0.8.30:9100`, `/dev/ttyUSB0`, `/dev/usb/lp0`. */
  readonly address: string;
  /** Hands the whole job to the printer; resolves once the last byte left this machine. */
  write(data: Buffer, opts: { timeoutMs: number }): Promise<void>;
  /**
   * Writes `request`, then feeds every reply chunk to `collect` until it returns non-null or `timeoutMs` passed.
   * Chunks may carry bytes from before the request (a late answer to an earlier query): collectors skip them.
   */
  query<T>(request: Buffer, collect: (chunk: Buffer) => T | null, timeoutMs: number): Promise<QueryResult<T>>;
  /** Ends open connections; in-flight calls reject. The transport may be used again afterwards (it reopens). */
  close(): Promise<void>;
}
