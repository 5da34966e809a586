import net from 'node:net';
import { SerialPort } from 'serialport';
import type { Unsubscribe } from '../../app/ports';
import type { SerialLink } from '../../app/domain';
import { StationError, errorMessage } from '../../app/domain/errors';
import { SocketByteLink } from './socket-byte-link';
import { SerialPortByteLink } from './serial-port-byte-link';
import { listSerialPorts, resolvePortPath, type ListPorts } from './port-identity';
import { findPortHolders, type FindPortHolders } from './port-holders';
import { serialOpenError } from './serial-open-error';
import { errnoCode } from './errno-code';
import { matchTcpAddress, type TcpTarget } from './tcp-address';

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

const CONNECT_TIMEOUT_MS = 5000;

export interface ByteLinkOpenerOptions {
  /** The OS port list, for `usb:` identities; tests inject one whose answer changes to play unplug/replug. */
  listPorts?: ListPorts;
  /** Who holds a busy port (Linux /proc); injectable so tests need not depend on the host. */
  findHolders?: FindPortHolders;
}

/**
 * `tcp://host:port` → raw TCP socket; `usb:vid:pid[:serial]` → the serial port that device has now; anything
 * else → a local serial port. The identity is resolved on every open, not once at start-up: that is what makes a
 * device replugged as /dev/ttyUSB1 (or COM7) come back without a restart.
 */
export function createByteLinkOpener(options: ByteLinkOpenerOptions = {}): OpenByteLink {
  const listPorts = options.listPorts ?? listSerialPorts;
  const findHolders = options.findHolders ?? findPortHolders;
  return async (link) => {
    const tcp = parseTcpPath(link.path);
    if (tcp) return openTcp(link.path, tcp.host, tcp.port);
    const path = await resolvePortPath(link.path, listPorts);
    return openSerial(link, path, findHolders);
  };
}

export const openByteLink: OpenByteLink = createByteLinkOpener();

export function parseTcpPath(path: string): TcpTarget | null {
  if (!/^tcp:/i.test(path)) return null;
  const target = matchTcpAddress(path);
  if (!target) throw new StationError('CONFIG', `invalid device address "${path}": expected tcp://host:port`);
  return target;
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

function openSerial(link: SerialLink, path: string, findHolders: FindPortHolders): Promise<ByteLink> {
  const fail = async (err: unknown): Promise<never> => {
    throw await serialOpenError(err, { configured: link.path, resolved: path, findHolders });
  };
  return new Promise<ByteLink>((resolve, reject) => {
    let port: SerialPort;
    try {
      port = new SerialPort({
        path,
        baudRate: link.baudRate,
        dataBits: link.dataBits,
        parity: link.parity,
        stopBits: link.stopBits,
        // The exclusive flock is what turns "two programs read the same scale and each gets half the bytes" into
        // a clear "in use" error; it is serialport's default, stated here because this code relies on it.
        lock: true,
        autoOpen: false,
      });
    } catch (err) {
      reject(err);
      return;
    }
    port.open((err) => (err ? reject(err) : resolve(new SerialPortByteLink(port))));
  }).catch(fail);
}

function describeTcpError(path: string, err: Error): string {
  const code = errnoCode(err);
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
