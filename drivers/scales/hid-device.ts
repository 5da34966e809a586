import type { SerialLink } from '../../app/domain';
import { StationError, errorMessage } from '../../app/domain/errors';
import type { ByteLink, OpenByteLink } from '../serial/byte-link';
import { HidReportLink, type HidHandle } from './hid-report-link';

/** What HidScale needs of a HID library: node-hid in production, a fake in unit tests. */
export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  usagePage?: number | undefined;
  product?: string | undefined;
}

export interface HidAddress {
  vendorId: number;
  productId: number;
  serialNumber?: string;
}

const HID_PATH = /^hid:\/\/([0-9a-f]{1,4}):([0-9a-f]{1,4})(?:\/(.+))?$/i;
const POS_SCALE_USAGE_PAGE = 0x8d;

/** `hid://0922:8003` or `hid://0922:8003/SERIAL` (hex ids, as lsusb prints them). */
export function parseHidPath(path: string): HidAddress {
  const match = HID_PATH.exec(path.trim());
  if (!match?.[1] || !match[2]) {
    throw new StationError('CONFIG', `invalid USB-HID scale address "${path}": expected hid://<vendorId>:<productId>[/<serial>] in hex`);
  }
  const address: HidAddress = { vendorId: parseInt(match[1], 16), productId: parseInt(match[2], 16) };
  if (match[3]) address.serialNumber = match[3];
  return address;
}

/**
 * node-hid, loaded on first use: its native binding is only needed on stations with a HID scale. HIDAsync reads
 * on a worker thread, so a scale that sends 20 reports a second never blocks the event loop.
 */
export const nodeHidBackend: HidBackend = {
  async devices() {
    const hid = await import('node-hid');
    return hid.devicesAsync();
  },
  async open(path) {
    const hid = await import('node-hid');
    return hid.HIDAsync.open(path);
  },
};

/**
 * An OpenByteLink for DeviceConnection: finds the scale by identity on every attempt (its hidraw path changes
 * when it is replugged) and opens it as a link whose chunks are whole reports.
 */
export function openHidLink(backend: HidBackend): OpenByteLink {
  return async (link: SerialLink): Promise<ByteLink> => {
    const address = parseHidPath(link.path);
    let found: HidDeviceInfo | undefined;
    try {
      found = pickDevice(await backend.devices(), address);
    } catch (error) {
      throw new StationError('DEVICE', `${link.path}: cannot list USB HID devices: ${errorMessage(error)}`, { cause: error });
    }
    if (!found?.path) throw new StationError('DEVICE', `${link.path}: USB scale not found (unplugged, switched off, or other ids)`);
    try {
      return new HidReportLink(await backend.open(found.path));
    } catch (error) {
      const message = errorMessage(error);
      const hint = /permission|access/i.test(message) ? ' (permission denied: install a udev rule for the hidraw device)' : '';
      throw new StationError('DEVICE', `${link.path}: cannot open the USB scale${hint}: ${message}`, { cause: error });
    }
  };
}

/** Several interfaces of one device may be listed; the POS scale usage page is the one that reports weights. */
function pickDevice(devices: HidDeviceInfo[], address: HidAddress): HidDeviceInfo | undefined {
  const matching = devices.filter(
    (d) =>
      d.vendorId === address.vendorId &&
      d.productId === address.productId &&
      (address.serialNumber === undefined || d.serialNumber === address.serialNumber),
  );
  return matching.find((d) => d.usagePage === POS_SCALE_USAGE_PAGE) ?? matching[0];
}
