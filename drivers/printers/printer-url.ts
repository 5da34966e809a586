/**
 * Where the label printer is, as one url:
 * - `tcp://host:port` — raw TCP, port 9100 on Zebra print servers;
 * - `serial:<path>[?baud=9600&dataBits=8&parity=none&stopBits=1]` — a serial line; `<path>` is anything the serial
 *   layer opens: `/dev/ttyUSB0`, `COM3`, a `usb:<vendorId>:<productId>[:<serial>]` identity, or `tcp://host:port` of a
 *   serial device server. Zebra's factory serial setting is 9600 8N1, hence the defaults;
 * - `file:/dev/usb/lp0` (or `file:///dev/usb/lp0`) — a device file.
 */
import { z } from 'zod';
import { SerialLinkSchema, StationError } from '../../app/domain';
import type { SerialLink } from '../../app/domain';
import { parseTcpUrl } from './raw-tcp.transport';
import type { TcpTarget } from '../serial/tcp-address';

export type PrinterAddress =
  | ({ kind: 'tcp' } & TcpTarget)
  | { kind: 'serial'; link: SerialLink }
  | { kind: 'file'; path: string };

const PARAM_NAMES: Readonly<Record<string, keyof SerialLink>> = {
  baud: 'baudRate',
  baudRate: 'baudRate',
  dataBits: 'dataBits',
  parity: 'parity',
  stopBits: 'stopBits',
};

const configError = (url: string, why: string): StationError =>
  new StationError('CONFIG', `Invalid printer url ${JSON.stringify(url)}: ${why}`);

function parseSerial(url: string): PrinterAddress {
  const rest = url.slice('serial:'.length);
  const [path = '', query = ''] = rest.split('?', 2);
  const raw: Record<string, unknown> = { path };
  for (const [name, value] of new URLSearchParams(query)) {
    const key = PARAM_NAMES[name];
    // A typo like `baudrate=` must not silently fall back to 9600 and print garbage.
    if (!key) throw configError(url, `unknown setting "${name}" (use baud, dataBits, parity, stopBits)`);
    raw[key] = key === 'parity' ? value : Number(value);
  }
  const parsed = SerialLinkSchema.safeParse(raw);
  if (!parsed.success) throw configError(url, z.prettifyError(parsed.error));
  return { kind: 'serial', link: parsed.data };
}

function parseFile(url: string): PrinterAddress {
  const path = url.replace(/^file:(\/\/(?=\/))?/i, '');
  if (!path.startsWith('/')) throw configError(url, 'expected an absolute device path, e.g. file:/dev/usb/lp0');
  return { kind: 'file', path };
}

export function parsePrinterUrl(url: string): PrinterAddress {
  if (/^tcp:/i.test(url)) return { kind: 'tcp', ...parseTcpUrl(url) };
  if (/^serial:/i.test(url)) return parseSerial(url);
  if (/^file:/i.test(url)) return parseFile(url);
  throw configError(url, 'expected tcp://host:port, serial:<path>[?baud=…] or file:<device path>');
}
