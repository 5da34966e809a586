import net from 'node:net';
import { SerialPort } from 'serialport';
import type { Unsubscribe } from '../../app/ports';
import type { SerialLink } from '../../app/domain';
import { StationError, errorMessage } from '../../app/domain/errors';
import { SocketByteLink } from './socket-byte-link';
import { SerialPortByteLink } from './serial-port-byte-link';

/**
 * A bidirectional byte pipe to one device. Protocol code only ever sees this, so the same driver works on a local
 * serial port and on a serial device server (Moxa NPort, ser2net raw mode) reached over TCP.
 */
export interface ByteLink {
  write(data: Buffer): Promise<void>;
  onData(listener: (chunk: Buffer) => void): Unsubscribe;
  /** Fires once when the link is gone, whoever closed it; `err` when it died rather than being closed. */
  onClose(listener: (err?: Error) => void): Unsubscribe;
  close(): Promise<void>;
}

export type OpenByteLink = (link: SerialLink) => Promise<ByteLink>;

const TCP_PATH = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/i;
const CONNECT_TIMEOUT_MS = 5000;

/** `tcp://host:port` → raw TCP socket; anything else → a local serial port with the link's line settings. */
export async function openByteLink(link: SerialLink): Promise<ByteLink> {
  const tcp = parseTcpPath(link.path);
  return tcp ? openTcp(link.path, tcp.host, tcp.port) : openSerial(link);
}

export function parseTcpPath(path: string): { host: string; port: number } | null {
  if (!/^tcp:/i.test(path)) return null;
  const match = TCP_PATH.exec(path);
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StationError('CONFIG', `invalid device address "${path}": expected tcp://host:port`);
  }
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

function openTcp(path: string, host: string, port: number): Promise<ByteLink> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (err: Error): void => {
      socket.destroy();
      reject(new StationError('DEVICE', describeTcpError(path, err), { cause: err }));
    };
    // Without this a device server that swallows SYNs would keep `start()` waiting for minutes.
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => fail(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.off('error', fail);
      socket.setTimeout(0);
      socket.setNoDelay(true);
      // A device server that loses power never sends FIN; keepalive is how the link notices.
      socket.setKeepAlive(true, 10_000);
      resolve(new SocketByteLink(socket));
    });
  });
}

function openSerial(link: SerialLink): Promise<ByteLink> {
  return new Promise((resolve, reject) => {
    let port: SerialPort;
    try {
      port = new SerialPort({
        path: link.path,
        baudRate: link.baudRate,
        dataBits: link.dataBits,
        parity: link.parity,
        stopBits: link.stopBits,
        autoOpen: false,
      });
    } catch (err) {
      reject(new StationError('DEVICE', describeSerialError(link.path, err), { cause: err }));
      return;
    }
    port.open((err) => {
      if (err) reject(new StationError('DEVICE', describeSerialError(link.path, err), { cause: err }));
      else resolve(new SerialPortByteLink(port));
    });
  });
}

function describeTcpError(path: string, err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return `${path}: connection refused (is the device server on and its port in raw TCP mode?)`;
    case 'ETIMEDOUT':
      return `${path}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s (wrong address or network down)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${path}: host not found`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${path}: host unreachable`;
    default:
      return `${path}: ${errorMessage(err)}`;
  }
}

function describeSerialError(path: string, err: unknown): string {
  const message = errorMessage(err);
  if (/ENOENT|no such file|cannot find|File not found/i.test(message)) {
    return `${path}: serial port not found (unplugged, or wrong path)`;
  }
  if (/EBUSY|lock|resource temporarily unavailable|access denied/i.test(message) && !/EACCES|permission/i.test(message)) {
    return `${path}: serial port busy (another program, or an earlier crashed run, still holds it)`;
  }
  if (/EACCES|permission/i.test(message)) {
    return `${path}: permission denied (add the user to the dialout group)`;
  }
  return `${path}: ${message}`;
}
