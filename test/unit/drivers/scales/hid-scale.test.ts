/**
 * HidScale over a fake node-hid backend. This machine has no /dev/uhid, so a real kernel HID device cannot be
 * created: the fake stands in for node-hid's devicesAsync()/HIDAsync (same event names, same unplug error).
 * Reports are the Mettler Toledo PS60 captures cited in hid-pos-report.test.ts.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceHealth, ScaleReading } from '../../../../app/domain';
import { StationError } from '../../../../app/domain/errors';
import { createScale } from '../../../../drivers/scales/create-scale';
import type { HidBackend, HidDeviceInfo } from '../../../../drivers/scales/hid-device';
import { HidScale } from '../../../../drivers/scales/hid-scale';
import { SerialScale } from '../../../../drivers/scales/serial-scale';
import { FakeClock, flushPromises } from '../../../support/fake-clock';
import { watchScale } from './scale-rig';

class FakeHidDevice extends EventEmitter {
  closed = false;
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
  report(...bytes: number[]): void {
    this.emit('data', Buffer.from(bytes));
  }
  unplug(): void {
    this.emit('error', new Error('could not read from HID device'));
  }
}

class FakeHidBackend implements HidBackend {
  plugged: HidDeviceInfo[] = [];
  opened: FakeHidDevice[] = [];
  openPaths: string[] = [];
  devices(): Promise<HidDeviceInfo[]> {
    return Promise.resolve(this.plugged);
  }
  open(path: string): Promise<FakeHidDevice> {
    this.openPaths.push(path);
    const device = new FakeHidDevice();
    this.opened.push(device);
    return Promise.resolve(device);
  }
  get last(): FakeHidDevice {
    const device = this.opened.at(-1);
    if (!device) throw new Error('nothing opened');
    return device;
  }
}

const PS60 = { vendorId: 0x0eb8, productId: 0xf000 };

describe('HidScale', () => {
  let clock: FakeClock;
  let backend: FakeHidBackend;
  let readings: ScaleReading[];
  let states: DeviceHealth[];

  const make = (path = 'hid://0eb8:f000'): HidScale =>
    watchScale(new HidScale({ path, protocol: 'usb-hid', staleMs: 1000 }, { clock, backend, backoff: { baseMs: 100, maxMs: 400 } }), { readings, states });

  beforeEach(() => {
    clock = new FakeClock();
    backend = new FakeHidBackend();
    readings = [];
    states = [];
  });

  it('finds the scale by vendor/product id (preferring the POS usage page), turns reports into readings', async () => {
    backend.plugged = [
      { ...PS60, path: '/dev/hidraw1', usagePage: 0x01 },
      { ...PS60, path: '/dev/hidraw2', usagePage: 0x8d },
      { vendorId: 0x0922, productId: 0x8003, path: '/dev/hidraw3' },
    ];
    const scale = make();
    await scale.start();
    expect(backend.openPaths).toEqual(['/dev/hidraw2']);
    expect(scale.health().state).toBe('connected');
    backend.last.report(3, 4, 3, 254, 194, 0);
    backend.last.report(4, 4);
    backend.last.report(3, 3, 3, 254, 200, 0);
    expect(readings).toEqual([
      { grams: 1940, stable: true, at: clock.now(), resolutionG: 10 },
      { grams: 2000, stable: false, at: clock.now(), resolutionG: 10 },
    ]);
    backend.last.report(3, 6, 3, 254, 0, 0);
    expect(readings.at(-1)).toMatchObject({ grams: 2000, stable: false });
    expect(scale.health()).toMatchObject({ state: 'connected', detail: 'over capacity' });
    await scale.stop();
    expect(backend.last.closed).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('a report beyond scale.maxG is a RANGE frame error, not a reading (the bound every protocol shares)', async () => {
    backend.plugged = [{ ...PS60, path: '/dev/hidraw2' }];
    const errors: unknown[] = [];
    const scale = watchScale(new HidScale({ path: 'hid://0eb8:f000', protocol: 'usb-hid' }, { clock, backend, onError: (e) => errors.push(e) }), { readings, states });
    await scale.start();
    backend.last.report(3, 4, 3, 5, 255, 255); // 65535 × 10^5 kg
    expect(readings).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ code: 'RANGE' })]);
    await scale.stop();
  });

  it('matches the serial number when the path names one', async () => {
    backend.plugged = [
      { ...PS60, path: '/dev/hidraw1', serialNumber: 'A1' },
      { ...PS60, path: '/dev/hidraw2', serialNumber: 'B2' },
    ];
    const scale = make('hid://0EB8:F000/B2');
    await scale.start();
    expect(backend.openPaths).toEqual(['/dev/hidraw2']);
    await scale.stop();
  });

  it('shows a scale that stops reporting as silent', async () => {
    backend.plugged = [{ ...PS60, path: '/dev/hidraw2' }];
    const scale = make();
    await scale.start();
    backend.last.report(3, 2, 12, 254, 0, 0);
    clock.advance(1000);
    expect(scale.health().state).toBe('silent');
    backend.last.report(3, 2, 12, 254, 0, 0);
    expect(scale.health().state).toBe('connected');
    await scale.stop();
  });

  it('goes disconnected on unplug, looks the scale up again with backoff and reconnects at its new path', async () => {
    backend.plugged = [{ ...PS60, path: '/dev/hidraw2' }];
    const scale = make();
    await scale.start();
    backend.last.report(3, 4, 12, 254, 254, 1);
    const first = backend.last;
    backend.plugged = [];
    first.unplug();
    expect(first.closed).toBe(true);
    expect(scale.health()).toMatchObject({ state: 'disconnected' });
    expect(scale.lastReading()).toBeNull();
    await clock.advanceAsync(100);
    expect(scale.health().detail).toMatch(/USB scale not found/);
    backend.plugged = [{ ...PS60, path: '/dev/hidraw5' }];
    await clock.advanceAsync(400, 50);
    await flushPromises();
    expect(backend.openPaths.at(-1)).toBe('/dev/hidraw5');
    expect(scale.health().state).toBe('connected');
    backend.last.report(3, 4, 12, 254, 254, 1);
    expect(readings.at(-1)).toMatchObject({ stable: true });
    await scale.stop();
  });

  it('has no zero or tare over USB, and rejects malformed addresses at start-up', async () => {
    const scale = make();
    await expect(scale.command('zero')).rejects.toMatchObject({ code: 'CONFIG' });
    await expect(scale.command('tare')).rejects.toBeInstanceOf(StationError);
    expect(() => make('/dev/hidraw0')).toThrow(/hid:\/\//);
    expect(() => make('hid://xyz:1')).toThrow(/hid:\/\//);
  });

  it('is what createScale builds for usb-hid; every other protocol gets a SerialScale', () => {
    expect(createScale({ path: 'hid://0922:8003', protocol: 'usb-hid' }, { clock })).toBeInstanceOf(HidScale);
    expect(createScale({ path: '/dev/ttyUSB0', protocol: 'cas' }, { clock })).toBeInstanceOf(SerialScale);
  });
});
