import { describe, expect, it } from 'vitest';
import { SerialLinkSchema } from '../../../app/domain';
import { ScaleSimulator } from '../../../drivers/sim/scale.sim';
import { openByteLink } from '../../../drivers/serial/byte-link';
import type { PortInfo } from '../../../drivers/serial/port-identity';
import { runDevices, type DevicesReport } from '../../../main/cli/devices.command';
import { pickHidScales } from '../../../main/cli/hid-scale-list';
import { main } from '../../../main/cli/station.cli';
import { cleanupAfterEach } from '../../support/cleanup';
import { createPtyPair } from '../../support/socat';

const cleanup = cleanupAfterEach();

/** Runs `station devices …` in-process with the given port lists, returning what it printed. */
async function devices(args: string[], ports: PortInfo[] = [], hid: unknown[] = []): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runDevices(args, {
    listPorts: () => Promise.resolve(ports),
    listHid: () => Promise.resolve(hid),
    stdout: (text) => (out += text),
  });
  return { code, out };
}

async function simulatorOnPty(protocol: 'mt-sics' | 'toledo-8217', grams: number): Promise<string> {
  const pair = await createPtyPair();
  cleanup.push(() => pair.close());
  const sim = new ScaleSimulator({ protocol });
  cleanup.push(() => sim.close());
  const line = protocol === 'toledo-8217' ? { dataBits: 7, parity: 'even' } as const : {};
  await sim.attachPath(pair.b, line);
  sim.setWeight(grams);
  return pair.a;
}

describe('station devices --probe (real PTYs, real simulators)', () => {
  it('finds the MT-SICS scale and the Toledo scale on their ports, and leaves no port open', async () => {
    const mtSics = await simulatorOnPty('mt-sics', 1500);
    const toledo = await simulatorOnPty('toledo-8217', 2250);
    const started = Date.now();
    const { code, out } = await devices(['--probe', '--path', mtSics, '--path', toledo, '--json', '--attempt-ms', '600']);
    const elapsed = Date.now() - started;
    expect(code).toBe(0);
    const report = JSON.parse(out) as DevicesReport;
    const byPath = new Map(report.probes?.map((probe) => [probe.path, probe]));
    expect(byPath.get(mtSics)).toMatchObject({ protocol: 'mt-sics' });
    expect(byPath.get(mtSics)?.attempts[0]).toMatchObject({ protocol: 'mt-sics', line: '9600 8N1', answered: true, });
    expect(byPath.get(mtSics)?.attempts[0]?.sample).toMatch(/^S S +1500.00 g$/);
    expect(byPath.get(toledo)).toMatchObject({ protocol: 'toledo-8217' });
    expect(byPath.get(toledo)?.attempts.find((a) => a.answered)).toMatchObject({ line: '9600 7E1', sample: '02.250' });
    // Ports are probed side by side and each protocol gets attemptMs: bounded by protocols × attempt, not more.
    expect(elapsed).toBeLessThan(10 * 600 + 2000);

    // Every probe closed its port: the station can take the exclusive lock right away.
    for (const path of [mtSics, toledo]) {
      const link = await openByteLink(SerialLinkSchema.parse({ path }));
      await link.close();
    }
  });

  it('prints a human answer with the protocol to configure, and probes tcp:// device servers too', async () => {
    const mtSics = await simulatorOnPty('mt-sics', 42);
    const tcpSim = new ScaleSimulator({ protocol: 'toledo-8217' });
    cleanup.push(() => tcpSim.close());
    const { url } = await tcpSim.listenTcp();
    const { out } = await devices(['--path', mtSics, '--path', url, '--attempt-ms', '400']);
    expect(out).toContain(`${mtSics}: mt-sics answers at 9600 8N1 ("S S      42.00 g")  → "protocol": "mt-sics"`);
    expect(out).toContain(`${url}: toledo-8217 answers at 9600 7E1`);
  });

  it('reports a port that does not exist once, instead of once per protocol', async () => {
    const { out } = await devices(['--path', '/tmp/no-such-port-xyz', '--json', '--attempt-ms', '200']);
    const report = JSON.parse(out) as DevicesReport;
    expect(report.probes?.[0]?.protocol).toBeNull();
    expect(report.probes?.[0]?.attempts).toHaveLength(1);
    expect(report.probes?.[0]?.attempts[0]?.error).toMatch(/serial port not found/);
  });

  it('reports a silent port as "no answer" after trying every protocol', async () => {
    const pair = await createPtyPair();
    cleanup.push(() => pair.close());
    const { out } = await devices(['--path', pair.a, '--attempt-ms', '150']);
    expect(out).toMatch(new RegExp(`${pair.a}: no answer \\(tried mt-sics 9600 8N1, toledo-8217 9600 7E1`));
  });
});

describe('station devices (listing)', () => {
  const ports: PortInfo[] = [
    { path: '/dev/ttyS0' },
    { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001', serialNumber: 'A50285BI', manufacturer: 'FTDI', pnpId: 'usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0' },
    { path: '/dev/ttyUSB1', vendorId: '1A86', productId: '7523', manufacturer: '1a86' },
    { path: '/dev/ttyUSB2', vendorId: '1a86', productId: '7523', manufacturer: '1a86' },
  ];
  const hid = [
    { vendorId: 0x0922, productId: 0x8003, serialNumber: '', manufacturer: 'DYMO', product: 'M10 10 Kg Digital Postal Scale', path: '/dev/hidraw0', usagePage: 0x8d, usage: 0x20, release: 0, interface: 0 },
    { vendorId: 0x0922, productId: 0x8003, manufacturer: 'DYMO', path: '/dev/hidraw0', usagePage: 0x8d, usage: 0x22, release: 0, interface: 0 },
    { vendorId: 0x0eb8, productId: 0xf000, serialNumber: 'PS60-123', path: '/dev/hidraw1', usagePage: 0, release: 0, interface: 0 },
    { vendorId: 0x1234, productId: 0x0001, product: 'POS scale by someone', path: '/dev/hidraw2', usagePage: 0x8d, release: 0, interface: 0 },
    { vendorId: 0x046d, productId: 0xc077, product: 'USB Optical Mouse', path: '/dev/hidraw3', usagePage: 1, usage: 2, release: 0, interface: 0 },
    { broken: true },
  ];

  it('lists ports with the usb: identity to paste into the config, and HID scales with their hid:// address', async () => {
    const { code, out } = await devices([], ports, hid);
    expect(code).toBe(0);
    expect(out).toContain('/dev/ttyUSB0  0403:6001  SN A50285BI  FTDI  usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0');
    expect(out).toContain('config "path": "usb:0403:6001:A50285BI"\n');
    expect(out).toContain('config "path": "usb:1a86:7523"   (not unique: no serial number, use the path instead)');
    expect(out).toContain('config "path": "hid://0922:8003", "protocol": "usb-hid"');
    expect(out).toContain('config "path": "hid://0eb8:f000/PS60-123"');
    expect(out).toContain('hid://1234:0001');
    expect(out).not.toContain('Mouse');
    expect(out).not.toContain('Probe');
  });

  it('gives the same facts as JSON', async () => {
    const { out } = await devices(['--json'], ports, hid);
    const report = JSON.parse(out) as DevicesReport;
    expect(report.serialPorts[0]).toMatchObject({ path: '/dev/ttyS0', identity: null });
    expect(report.serialPorts[1]).toMatchObject({ identity: 'usb:0403:6001:A50285BI', identityUnique: true, vendorId: '0403', productId: '6001' });
    expect(report.serialPorts[2]).toMatchObject({ identity: 'usb:1a86:7523', identityUnique: false, vendorId: '1a86' });
    expect(report.hidScales.map((s) => s.address)).toEqual(['hid://0922:8003', 'hid://0eb8:f000/PS60-123', 'hid://1234:0001']);
    expect(report.hidScales[1]).toMatchObject({ manufacturer: 'Mettler Toledo' });
    expect(report.probes).toBeUndefined();
  });

  it('still lists serial ports when HID cannot be listed', async () => {
    let out = '';
    await runDevices([], {
      listPorts: () => Promise.resolve(ports),
      listHid: () => Promise.reject(new Error('hidraw not accessible')),
      stdout: (text) => (out += text),
    });
    expect(out).toContain('/dev/ttyUSB0');
    expect(out).toContain('(cannot list HID devices: hidraw not accessible)');
  });

  it('dedupes one HID scale seen once per usage', () => {
    expect(pickHidScales(hid.slice(0, 2))).toHaveLength(1);
  });

  it('is registered in the station CLI with its usage', async () => {
    let printed = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      expect(await main(['help'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(printed).toMatch(/station devices \[--probe\] \[--path <port>\]\.\.\. \[--json\]/);
    expect(await main(['devices', '--attempt-ms', '5'])).toBe(1);
  });
});
