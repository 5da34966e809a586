import { z } from 'zod';

/** Usage page of USB-HID Point of Sale devices; weighing devices (scales) live on it. */
export const HID_POS_USAGE_PAGE = 0x8d;

/**
 * Vendors whose HID devices are scales even when the OS reports no usage page (hidapi's libusb backend and some
 * Linux kernels leave it 0): Dymo, Mettler Toledo (PS-series), Stamps.com.
 */
export const KNOWN_SCALE_VENDORS: ReadonlyMap<number, string> = new Map([
  [0x0922, 'Dymo'],
  [0x0eb8, 'Mettler Toledo'],
  [0x1446, 'Stamps.com'],
]);

const HidDeviceSchema = z.object({
  vendorId: z.number().int().nonnegative(),
  productId: z.number().int().nonnegative(),
  path: z.string().optional(),
  serialNumber: z.string().optional(),
  manufacturer: z.string().optional(),
  product: z.string().optional(),
  usagePage: z.number().int().optional(),
  usage: z.number().int().optional(),
});
export type HidDevice = z.infer<typeof HidDeviceSchema>;

export interface HidScale {
  vendorId: string;
  productId: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  /** OS path of the HID node (`/dev/hidraw3`), for diagnostics only: it changes on replug. */
  osPath?: string;
  /** What to put in `scale.path` (protocol `usb-hid`). */
  address: string;
}

export type ListHidDevices = () => Promise<unknown[]>;

const hex4 = (id: number): string => id.toString(16).padStart(4, '0');

export function hidScaleAddress(device: Pick<HidDevice, 'vendorId' | 'productId' | 'serialNumber'>): string {
  const ids = `hid://${hex4(device.vendorId)}:${hex4(device.productId)}`;
  return device.serialNumber ? `${ids}/${device.serialNumber}` : ids;
}

/**
 * The HID scales among `devices` (raw node-hid entries, parsed here). One scale can show up once per interface or
 * usage; it is listed once.
 */
export function pickHidScales(devices: readonly unknown[]): HidScale[] {
  const scales = new Map<string, HidScale>();
  for (const raw of devices) {
    const parsed = HidDeviceSchema.safeParse(withoutNulls(raw));
    if (!parsed.success) continue;
    const device = parsed.data;
    if (device.usagePage !== HID_POS_USAGE_PAGE && !KNOWN_SCALE_VENDORS.has(device.vendorId)) continue;
    const address = hidScaleAddress(device);
    const key = device.serialNumber ? address : `${address}@${device.path ?? ''}`;
    if (scales.has(key)) continue;
    scales.set(key, {
      vendorId: hex4(device.vendorId),
      productId: hex4(device.productId),
      ...(device.serialNumber ? { serialNumber: device.serialNumber } : {}),
      ...(device.manufacturer ? { manufacturer: device.manufacturer } : (vendorName(device.vendorId) ?? {})),
      ...(device.product ? { product: device.product } : {}),
      ...(device.path ? { osPath: device.path } : {}),
      address,
    });
  }
  return [...scales.values()];
}

function vendorName(vendorId: number): { manufacturer: string } | null {
  const name = KNOWN_SCALE_VENDORS.get(vendorId);
  return name ? { manufacturer: name } : null;
}

/**
 * node-hid's device list, loaded on demand: the native module is optional for a station with serial scales
 * only, and a machine without hidraw access should still list its serial ports.
 */
export const listHidDevices: ListHidDevices = async () => {
  const hid = await import('node-hid');
  return hid.devicesAsync();
};

function withoutNulls(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null) return entry;
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}
