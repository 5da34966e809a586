import { z } from 'zod';
import { SerialPort } from 'serialport';
import { StationError, errorMessage } from '../../app/domain/errors';
import type { DeviceProblemDetail } from './serial-open-error';

/**
 * A USB serial device named by what it is rather than where the OS put it: `/dev/ttyUSB0` becomes `/dev/ttyUSB1`
 * after a replug or a reboot with another adapter plugged in, but vendor id, product id and serial number stay.
 */
export interface UsbIdentity {
  vendorId: number;
  productId: number;
  serialNumber?: string;
}

/** One entry of the OS port list, as serialport reports it (every field but `path` may be missing). */
export const PortInfoSchema = z.object({
  path: z.string().min(1),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  pnpId: z.string().optional(),
  locationId: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
});
export type PortInfo = z.infer<typeof PortInfoSchema>;

export type ListPorts = () => Promise<PortInfo[]>;

const USB_PREFIX = /^usb:/i;
const HEX_ID = z
  .string()
  .regex(/^(?:0x)?[0-9a-f]{1,4}$/i, 'expected a hexadecimal USB id like 0403')
  .transform((hex) => Number.parseInt(hex.replace(/^0x/i, ''), 16));

const UsbIdentitySchema = z.object({
  vendorId: HEX_ID,
  productId: HEX_ID,
  serialNumber: z.string().min(1, 'the serial number after the second ":" is empty').optional(),
});

export const isUsbIdentityPath = (path: string): boolean => USB_PREFIX.test(path);

/**
 * `usb:<vid>:<pid>[:<serial>]` → identity; null for any other path. Everything after the third colon is the
 * serial number, so serial numbers that contain colons survive.
 */
export function parseUsbIdentity(path: string): UsbIdentity | null {
  if (!isUsbIdentityPath(path)) return null;
  const [vendorId, productId, ...serial] = path.slice(4).split(':');
  const parsed = UsbIdentitySchema.safeParse({
    vendorId,
    productId,
    serialNumber: serial.length > 0 ? serial.join(':') : undefined,
  });
  if (!parsed.success) {
    const why = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw new StationError('CONFIG', `invalid device address "${path}": expected usb:<vendorId>:<productId>[:<serialNumber>] (${why})`);
  }
  const { serialNumber, ...ids } = parsed.data;
  return serialNumber === undefined ? ids : { ...ids, serialNumber };
}

const hex4 = (id: number): string => id.toString(16).padStart(4, '0');

/** The config string for an identity: what `station devices` prints for pasting into station.json. */
export function formatUsbIdentity(identity: UsbIdentity): string {
  const ids = `usb:${hex4(identity.vendorId)}:${hex4(identity.productId)}`;
  return identity.serialNumber ? `${ids}:${identity.serialNumber}` : ids;
}

/** Human name of an identity for messages: `USB device 0403:6001 SN A50285BI`. */
export function describeUsbIdentity(identity: UsbIdentity): string {
  const ids = `USB device ${hex4(identity.vendorId)}:${hex4(identity.productId)}`;
  return identity.serialNumber ? `${ids} SN ${identity.serialNumber}` : ids;
}

/** The identity of a listed port, or null for ports that are not USB (built-in UARTs, PTYs). */
export function portIdentity(port: PortInfo): UsbIdentity | null {
  const vendorId = parseListedId(port.vendorId);
  const productId = parseListedId(port.productId);
  if (vendorId === null || productId === null) return null;
  const serialNumber = port.serialNumber?.trim();
  return serialNumber ? { vendorId, productId, serialNumber } : { vendorId, productId };
}

// Windows reports ids upper-case (`067B`), Linux lower-case, some drivers with `0x`: compare numbers, not strings.
function parseListedId(id: string | undefined): number | null {
  if (!id || !/^(?:0x)?[0-9a-f]{1,4}$/i.test(id.trim())) return null;
  return Number.parseInt(id.trim().replace(/^0x/i, ''), 16);
}

/**
 * Serial numbers compare case-insensitively: Windows derives them from the upper-cased PNP id, so the same FTDI
 * adapter reads `A50285bi` on one OS and `A50285BI` on another.
 */
export function matchPorts(identity: UsbIdentity, ports: readonly PortInfo[]): PortInfo[] {
  return ports.filter((port) => {
    const listed = portIdentity(port);
    if (!listed || listed.vendorId !== identity.vendorId || listed.productId !== identity.productId) return false;
    if (identity.serialNumber === undefined) return true;
    return listed.serialNumber?.toLowerCase() === identity.serialNumber.toLowerCase();
  });
}

/**
 * The path to open now: itself for an ordinary path, the matching port's current path for a `usb:` identity.
 * Called on every open, so a device replugged under another name is found again.
 */
export async function resolvePortPath(path: string, listPorts: ListPorts = listSerialPorts): Promise<string> {
  const identity = parseUsbIdentity(path);
  if (!identity) return path;
  let ports: PortInfo[];
  try {
    ports = await listPorts();
  } catch (error) {
    // On Linux the list comes from udevadm: a container or minimal system without udev cannot resolve identities.
    throw new StationError('DEVICE', `cannot list serial ports to find ${path}: ${errorMessage(error)}`, { cause: error });
  }
  const matches = matchPorts(identity, ports);
  const [only, ...others] = matches;
  if (only && others.length === 0) return only.path;
  const name = describeUsbIdentity(identity);
  if (!only) {
    const detail: DeviceProblemDetail = { deviceProblem: 'absent' };
    throw new StationError('DEVICE', `${name} is not plugged in`, { detail });
  }
  // Two identical adapters without a serial number (cheap CH340s, PL2303 clones) cannot be told apart by identity.
  const listed = matches.map((port) => `${port.path}${port.serialNumber ? ` (SN ${port.serialNumber})` : ''}`).join(', ');
  const hint = matches.every((port) => port.serialNumber)
    ? 'add the serial number'
    : 'these adapters have no serial number: configure the path (/dev/serial/by-path/…) instead';
  const detail: DeviceProblemDetail = { deviceProblem: 'ambiguous', paths: matches.map((port) => port.path) };
  throw new StationError('CONFIG', `several ports match ${path} (${listed}): ${hint}`, { detail });
}

/** The OS port list through serialport, parsed at the boundary (bindings differ per OS in what they fill in). */
export async function listSerialPorts(): Promise<PortInfo[]> {
  const listed: unknown[] = await SerialPort.list();
  return listed.flatMap((entry) => {
    const parsed = PortInfoSchema.safeParse(withoutNulls(entry));
    return parsed.success ? [parsed.data] : [];
  });
}

function withoutNulls(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null) return entry;
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}
