/**
 * The raw-9100 flavour of ZplPrinter, kept for callers that build a TCP printer directly (bootstrap, older tests).
 * New code goes through createLabelPrinter, which picks the transport from the url.
 */
import type { Dpi } from '../../app/domain';
import type { Clock, LogSink } from '../../app/ports';
import { RawTcpTransport, parseTcpUrl } from './raw-tcp.transport';
import { ZplPrinter } from './zpl-printer';

export interface ZplTcpPrinterOptions {
  /** `tcp://host:port`, usually port 9100. */
  url: string;
  dpi: Dpi;
  statusTimeoutMs?: number;
  connectTimeoutMs?: number;
  printTimeoutMs?: number;
  learnDpi?: boolean;
}

export class ZplTcpPrinter extends ZplPrinter {
  constructor(opts: ZplTcpPrinterOptions, deps: { clock: Clock; log?: LogSink }) {
    const transport = new RawTcpTransport(parseTcpUrl(opts.url), { connectTimeoutMs: opts.connectTimeoutMs ?? 3000 }, deps.clock);
    super(transport, opts, deps);
  }
}
