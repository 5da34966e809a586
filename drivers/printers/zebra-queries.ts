/**
 * The Zebra host queries the station asks, each as request bytes plus a collector that knows when its reply is
 * complete. Transport-agnostic: the same calls run over TCP 9100, a serial line or /dev/usb/lp0.
 */
import type { PrinterTransport, QueryResult } from './printer-transport';
import { collectHqes } from './zebra-hqes';
import type { ExtendedStatus } from './zebra-hqes';
import { parseHostIdentification } from './zebra-host-id';
import type { HostIdentification } from './zebra-host-id';
import { HostStatusCollector, splitFrames } from './zebra-host-status';
import type { FrameError, HostStatus } from './zebra-host-status';
import { SGD_LABEL_COUNT_VARIABLE, collectHqod, collectSgdValue, sgdGetvar } from './zebra-odometer';
import type { PrintMeters } from './zebra-odometer';

// Replies are a few hundred bytes; a device that streams something else must not grow memory without bound.
const MAX_REPLY_CHARS = 8192;

/** Accumulates chunks as latin1 text and asks `complete` after each one. */
function textCollector<T>(complete: (text: string) => T | null, what: string): (chunk: Buffer) => T | FrameError | null {
  let text = '';
  return (chunk) => {
    text += chunk.toString('latin1');
    const value = complete(text);
    if (value !== null) return value;
    if (text.length > MAX_REPLY_CHARS) return { kind: 'frame-error', reason: `no complete ${what} reply within ${MAX_REPLY_CHARS} bytes`, raw: text };
    return null;
  };
}

const ask = <T>(transport: PrinterTransport, request: string, collect: (chunk: Buffer) => T | null, timeoutMs: number) =>
  transport.query(Buffer.from(request, 'latin1'), collect, timeoutMs);

export function queryHostStatus(transport: PrinterTransport, timeoutMs: number): Promise<QueryResult<HostStatus | FrameError>> {
  const collector = new HostStatusCollector();
  return ask(transport, '~HS', (chunk) => collector.push(chunk), timeoutMs);
}

export function queryExtendedStatus(transport: PrinterTransport, timeoutMs: number): Promise<QueryResult<ExtendedStatus | FrameError>> {
  return ask(transport, '~HQES', textCollector(collectHqes, '~HQES'), timeoutMs);
}

export function queryIdentification(transport: PrinterTransport, timeoutMs: number): Promise<QueryResult<HostIdentification | FrameError>> {
  const complete = (text: string): HostIdentification | FrameError | null =>
    splitFrames(text).frames.length > 0 ? parseHostIdentification(text) : null;
  return ask(transport, '~HI', textCollector(complete, '~HI'), timeoutMs);
}

/** The raw quoted value (`"1234"`, `"?"`), or a frame error for a stream of something else. */
export function queryLabelCount(transport: PrinterTransport, timeoutMs: number): Promise<QueryResult<string | FrameError>> {
  return ask(transport, sgdGetvar(SGD_LABEL_COUNT_VARIABLE), textCollector(collectSgdValue, 'SGD getvar'), timeoutMs);
}

export function queryPrintMeters(transport: PrinterTransport, timeoutMs: number): Promise<QueryResult<PrintMeters | FrameError>> {
  return ask(transport, '~HQOD', textCollector(collectHqod, '~HQOD'), timeoutMs);
}
