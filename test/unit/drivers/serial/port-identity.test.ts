import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import {
  describeUsbIdentity,
  formatUsbIdentity,
  matchPorts,
  parseUsbIdentity,
  portIdentity,
  resolvePortPath,
  type PortInfo,
} from '../../../../drivers/serial/port-identity';
import { deviceProblem } from '../../../../drivers/serial/serial-open-error';

const ftdi = (path: string, serialNumber?: string, over: Partial<PortInfo> = {}): PortInfo => ({
  path,
  vendorId: '0403',
  productId: '6001',
  manufacturer: 'FTDI',
  pnpId: `usb-FTDI_FT232R_USB_UART_${serialNumber ?? 'x'}-if00-port0`,
  ...(serialNumber ? { serialNumber } : {}),
  ...over,
});
const ch340 = (path: string): PortInfo => ({ path, vendorId: '1a86', productId: '7523', manufacturer: '1a86' });
const builtIn: PortInfo = { path: '/dev/ttyS0' };

const rejection = async (promise: Promise<unknown>): Promise<StationError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof StationError)) throw new Error(`expected a StationError, got ${String(error)}`);
  return error;
};

describe('parseUsbIdentity', () => {
  it('reads hex vendor and product ids in any case, with or without 0x', () => {
    expect(parseUsbIdentity('usb:0403:6001')).toEqual({ vendorId: 0x0403, productId: 0x6001 });
    expect(parseUsbIdentity('USB:0x067B:2303')).toEqual({ vendorId: 0x067b, productId: 0x2303 });
    expect(parseUsbIdentity('usb:1a86:7523')).toEqual({ vendorId: 0x1a86, productId: 0x7523 });
  });

  it('keeps the serial number verbatim, colons included', () => {
    expect(parseUsbIdentity('usb:0403:6001:A50285BI')).toEqual({ vendorId: 0x0403, productId: 0x6001, serialNumber: 'A50285BI' });
    expect(parseUsbIdentity('usb:0403:6001:AB:CD:01')?.serialNumber).toBe('AB:CD:01');
  });

  it('is null for paths that are not identities', () => {
    expect(parseUsbIdentity('/dev/ttyUSB0')).toBeNull();
    expect(parseUsbIdentity('COM3')).toBeNull();
    expect(parseUsbIdentity('tcp://10.0.0.1:4001')).toBeNull();
    expect(parseUsbIdentity('hid://0922:8003')).toBeNull();
  });

  it.each(['usb:', 'usb:0403', 'usb:xyz:6001', 'usb:04030:6001', 'usb:0403:6001:', 'usb::6001'])('rejects %s as a CONFIG error', (path) => {
    expect(() => parseUsbIdentity(path)).toThrow(StationError);
    try {
      parseUsbIdentity(path);
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('usb:<vendorId>:<productId>') });
    }
  });

  it('round-trips through formatUsbIdentity, padded lower-case', () => {
    expect(formatUsbIdentity({ vendorId: 0x403, productId: 0x6001, serialNumber: 'A50285BI' })).toBe('usb:0403:6001:A50285BI');
    expect(formatUsbIdentity({ vendorId: 0x67b, productId: 0x2303 })).toBe('usb:067b:2303');
    expect(parseUsbIdentity(formatUsbIdentity({ vendorId: 1, productId: 2, serialNumber: 's' }))).toEqual({ vendorId: 1, productId: 2, serialNumber: 's' });
    expect(describeUsbIdentity({ vendorId: 0x403, productId: 0x6001, serialNumber: 'A5' })).toBe('USB device 0403:6001 SN A5');
  });
});

describe('matchPorts', () => {
  const ports = [builtIn, ftdi('/dev/ttyUSB0', 'A50285BI'), ftdi('/dev/ttyUSB1', 'B77'), ch340('/dev/ttyUSB2')];

  it('matches vendor and product, and the serial number when given', () => {
    expect(matchPorts({ vendorId: 0x403, productId: 0x6001 }, ports).map((p) => p.path)).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1']);
    expect(matchPorts({ vendorId: 0x403, productId: 0x6001, serialNumber: 'B77' }, ports).map((p) => p.path)).toEqual(['/dev/ttyUSB1']);
    expect(matchPorts({ vendorId: 0x1a86, productId: 0x7523 }, ports).map((p) => p.path)).toEqual(['/dev/ttyUSB2']);
  });

  it('compares ids numerically and serial numbers case-insensitively (Windows reports them upper-case)', () => {
    const windows = [ftdi('COM7', 'A50285BI', { vendorId: '0403', productId: '6001' }), { path: 'COM4', vendorId: '067B', productId: '2303' }];
    expect(matchPorts({ vendorId: 0x403, productId: 0x6001, serialNumber: 'a50285bi' }, windows).map((p) => p.path)).toEqual(['COM7']);
    expect(matchPorts({ vendorId: 0x67b, productId: 0x2303 }, windows).map((p) => p.path)).toEqual(['COM4']);
  });

  it('never matches ports without USB ids', () => {
    expect(portIdentity(builtIn)).toBeNull();
    expect(portIdentity({ path: '/dev/pts/3', vendorId: 'zz', productId: '1' })).toBeNull();
  });
});

describe('resolvePortPath', () => {
  it('passes ordinary paths through without listing ports', async () => {
    const listPorts = (): Promise<PortInfo[]> => Promise.reject(new Error('must not be called'));
    expect(await resolvePortPath('/dev/ttyUSB0', listPorts)).toBe('/dev/ttyUSB0');
  });

  it('finds the current path of the device, whatever it is this time', async () => {
    let ports = [ftdi('/dev/ttyUSB0', 'A50285BI')];
    const listPorts = (): Promise<PortInfo[]> => Promise.resolve(ports);
    expect(await resolvePortPath('usb:0403:6001:A50285BI', listPorts)).toBe('/dev/ttyUSB0');
    ports = [ch340('/dev/ttyUSB0'), ftdi('/dev/ttyUSB1', 'A50285BI')];
    expect(await resolvePortPath('usb:0403:6001:A50285BI', listPorts)).toBe('/dev/ttyUSB1');
  });

  it('says "not plugged in" (DEVICE, absent) when nothing matches', async () => {
    const error = await rejection(resolvePortPath('usb:0403:6001:A50285BI', () => Promise.resolve([builtIn, ftdi('/dev/ttyUSB0', 'OTHER')])));
    expect(error.code).toBe('DEVICE');
    expect(error.message).toBe('USB device 0403:6001 SN A50285BI is not plugged in');
    expect(deviceProblem(error)).toBe('absent');
    expect(error.retryable).toBe(true);
  });

  it('asks for the serial number when several devices match (CONFIG, listing them)', async () => {
    const error = await rejection(resolvePortPath('usb:0403:6001', () => Promise.resolve([ftdi('/dev/ttyUSB0', 'A1'), ftdi('/dev/ttyUSB1', 'B2')])));
    expect(error.code).toBe('CONFIG');
    expect(error.message).toMatch(/several ports match usb:0403:6001 \(\/dev\/ttyUSB0 \(SN A1\), \/dev\/ttyUSB1 \(SN B2\)\): add the serial number/);
    expect(deviceProblem(error)).toBe('ambiguous');
    expect(error.detail).toMatchObject({ paths: ['/dev/ttyUSB0', '/dev/ttyUSB1'] });
  });

  it('points at the path when identical adapters have no serial number to tell them apart', async () => {
    const error = await rejection(resolvePortPath('usb:1a86:7523', () => Promise.resolve([ch340('/dev/ttyUSB0'), ch340('/dev/ttyUSB1')])));
    expect(error.code).toBe('CONFIG');
    expect(error.message).toMatch(/no serial number: configure the path/);
  });

  it('explains a port list that cannot be read (no udev in a container)', async () => {
    const error = await rejection(resolvePortPath('usb:0403:6001', () => Promise.reject(new Error('Error listing ports udevadm exited with error code: 127'))));
    expect(error).toMatchObject({ code: 'DEVICE', message: 'cannot list serial ports to find usb:0403:6001: Error listing ports udevadm exited with error code: 127' });
  });
});
