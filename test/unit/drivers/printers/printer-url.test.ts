import { describe, expect, it } from 'vitest';
import { StationConfigSchema } from '../../../../app/domain';
import { parsePrinterUrl } from '../../../../drivers/printers/printer-url';

describe('label printer url', () => {
  it('tcp://host:port', () => {
    expect(parsePrinterUrl('tcp://10.0.8.30:9100')).toEqual({ kind: 'tcp', host: '10.0.8.30', port: 9100 });
  });

  it('serial: with Zebra’s factory defaults (9600 8N1) and with settings from the query', () => {
    expect(parsePrinterUrl('serial:/dev/ttyUSB0')).toEqual({
      kind: 'serial',
      link: { path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
    });
    expect(parsePrinterUrl('serial:usb:0a5f:0164?baud=115200&dataBits=7&parity=even&stopBits=2')).toEqual({
      kind: 'serial',
      link: { path: 'usb:0a5f:0164', baudRate: 115200, dataBits: 7, parity: 'even', stopBits: 2 },
    });
    expect(parsePrinterUrl('serial:tcp://moxa.local:4001?baudRate=19200')).toMatchObject({
      link: { path: 'tcp://moxa.local:4001', baudRate: 19200 },
    });
  });

  it('file: with one or three slashes', () => {
    expect(parsePrinterUrl('file:/dev/usb/lp0')).toEqual({ kind: 'file', path: '/dev/usb/lp0' });
    expect(parsePrinterUrl('file:///dev/usb/lp0')).toEqual({ kind: 'file', path: '/dev/usb/lp0' });
  });

  it.each([
    ['http://printer:9100', /expected tcp/],
    ['tcp://printer', /tcp:\/\/host:port/],
    ['serial:/dev/ttyUSB0?baudrate=9600', /unknown setting "baudrate"/],
    ['serial:/dev/ttyUSB0?dataBits=9', /dataBits/],
    ['serial:usb:zz:1', /usb identity/],
    ['file:lp0', /absolute/],
  ])('%s is a CONFIG error', (url, message) => {
    expect(() => parsePrinterUrl(url)).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(message) }));
  });
});

describe('station config: labelPrinter.url and slipPrinter', () => {
  const base = {
    stationId: 's',
    dataDir: '.',
    odoo: { url: 'https://erp.example.com', db: 'db', login: 'l' },
    carrier: { kind: 'easypost', baseUrl: 'https://api.easypost.com/v2' },
    scale: { path: '/dev/ttyUSB0', protocol: 'mt-sics' },
    scanner: { path: '/dev/ttyUSB1' },
    ui: {},
  };
  const withPrinter = (url: string, extra: object = {}) =>
    StationConfigSchema.safeParse({ ...base, labelPrinter: { url }, ...extra });

  it.each(['tcp://10.0.8.30:9100', 'serial:/dev/ttyUSB0?baud=9600', 'serial:usb:0a5f:0164', 'file:/dev/usb/lp0'])('accepts %s', (url) => {
    expect(withPrinter(url).success).toBe(true);
  });

  it.each(['http://printer', 'lp0', 'file:lp0', 'serial:'])('rejects %s naming the field', (url) => {
    const result = withPrinter(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['labelPrinter', 'url']);
  });

  it('slipPrinter is optional; when present it is tcp with a line width (default 48)', () => {
    expect(withPrinter('tcp://p:9100').data?.slipPrinter).toBeUndefined();
    expect(withPrinter('tcp://p:9100', { slipPrinter: { url: 'tcp://10.0.8.31:9100' } }).data?.slipPrinter).toEqual({
      url: 'tcp://10.0.8.31:9100',
      width: 48,
    });
    expect(withPrinter('tcp://p:9100', { slipPrinter: { url: 'file:/dev/usb/lp1' } }).success).toBe(false);
  });
});
