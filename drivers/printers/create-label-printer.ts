/**
 * Builds the station's label printer from its config url: one ZplPrinter, the transport chosen by the url scheme.
 */
import type { StationConfig } from '../../app/domain';
import type { Clock, LogSink } from '../../app/ports';
import type { OpenByteLink } from '../serial/byte-link';
import { DeviceFileTransport } from './device-file.transport';
import { parsePrinterUrl } from './printer-url';
import type { PrinterTransport } from './printer-transport';
import { RawTcpTransport } from './raw-tcp.transport';
import { SerialTransport } from './serial.transport';
import { ZplPrinter } from './zpl-printer';
import type { ZplPrinterOptions } from './zpl-printer';

export interface LabelPrinterDeps {
  clock: Clock;
  log?: LogSink;
  /** Tests and the hot-plug layer pass their own opener; default: the real serial/TCP opener. */
  openByteLink?: OpenByteLink;
  /** Timeouts and switches beyond the config (tests shorten them). */
  tuning?: Omit<ZplPrinterOptions, 'dpi'> & { connectTimeoutMs?: number; filePollMs?: number };
}

export function createPrinterTransport(url: string, deps: LabelPrinterDeps): PrinterTransport {
  const address = parsePrinterUrl(url);
  switch (address.kind) {
    case 'tcp':
      return new RawTcpTransport(address, { connectTimeoutMs: deps.tuning?.connectTimeoutMs ?? 3000 }, deps.clock);
    case 'serial':
      return new SerialTransport(address.link, {
        clock: deps.clock,
        ...(deps.openByteLink ? { openByteLink: deps.openByteLink } : {}),
      });
    case 'file':
      return new DeviceFileTransport(address.path, { clock: deps.clock }, { pollMs: deps.tuning?.filePollMs ?? 20 });
  }
}

/** Throws StationError('CONFIG') for a url no transport understands. */
export function createLabelPrinter(config: StationConfig['labelPrinter'], deps: LabelPrinterDeps): ZplPrinter {
  const transport = createPrinterTransport(config.url, deps);
  const { connectTimeoutMs: _connect, filePollMs: _poll, ...tuning } = deps.tuning ?? {};
  return new ZplPrinter(transport, { ...tuning, dpi: config.dpi }, { clock: deps.clock, ...(deps.log ? { log: deps.log } : {}) });
}
