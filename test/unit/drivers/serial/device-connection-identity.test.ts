import { beforeEach, describe, expect, it } from 'vitest';
import type { ByteLink } from '../../../../drivers/serial/byte-link';
import type { SerialLink } from '../../../../app/domain';
import { DeviceConnection } from '../../../../drivers/serial/device-connection';
import { resolvePortPath, type PortInfo } from '../../../../drivers/serial/port-identity';
import { FakeClock, flushPromises } from '../../../support/fake-clock';
import { FakeByteLink } from './fake-byte-link';

const LINK: SerialLink = { path: 'usb:0403:6001:A50285BI', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };
const device = (path: string): PortInfo => ({ path, vendorId: '0403', productId: '6001', serialNumber: 'A50285BI' });

/**
 * An opener that resolves the identity the way openByteLink does (on every open, through the port list) and
 * hands out fake links, recording which path each open landed on.
 */
function identityOpener(ports: () => PortInfo[]): { open: (link: SerialLink) => Promise<ByteLink>; opened: string[]; links: FakeByteLink[] } {
  const opened: string[] = [];
  const links: FakeByteLink[] = [];
  return {
    opened,
    links,
    open: async (link) => {
      const path = await resolvePortPath(link.path, () => Promise.resolve(ports()));
      opened.push(path);
      const fake = new FakeByteLink();
      links.push(fake);
      return fake;
    },
  };
}

describe('DeviceConnection with a usb: identity', () => {
  let clock: FakeClock;
  let ports: PortInfo[];

  beforeEach(() => {
    clock = new FakeClock();
    ports = [];
  });

  it('waits for an unplugged device with a plain message, then connects when it appears', async () => {
    const opener = identityOpener(() => ports);
    const connection = new DeviceConnection({ link: LINK, clock, open: opener.open, backoff: { baseMs: 250, maxMs: 2000 } });
    await connection.start();
    expect(connection.health()).toMatchObject({
      state: 'disconnected',
      detail: 'USB device 0403:6001 SN A50285BI is not plugged in — waiting, next check in 250 ms',
    });
    await clock.advanceAsync(250 + 500 + 1000, 50);
    // Still absent: backoff grows to the cap and the message stays a wait, not a stack trace.
    expect(connection.health().detail).toMatch(/not plugged in — waiting, next check in 2 s$/);
    expect(opener.opened).toEqual([]);

    ports = [{ path: '/dev/ttyS0' }, device('/dev/ttyUSB3')];
    await clock.advanceAsync(2000, 50);
    expect(connection.health().state).toBe('connected');
    expect(opener.opened).toEqual(['/dev/ttyUSB3']);
    await connection.stop();
    expect(clock.pending).toBe(0);
  });

  it('follows the device to its new path after an unplug and replug', async () => {
    ports = [device('/dev/ttyUSB0')];
    const opener = identityOpener(() => ports);
    const connection = new DeviceConnection({ link: LINK, clock, open: opener.open, backoff: { baseMs: 100, maxMs: 1000 } });
    await connection.start();
    expect(opener.opened).toEqual(['/dev/ttyUSB0']);

    ports = [];
    opener.links[0]?.drop(new Error('Error: Input/output error'));
    expect(connection.health()).toMatchObject({ state: 'disconnected' });
    await clock.advanceAsync(100, 10);
    expect(connection.health().detail).toMatch(/not plugged in — waiting/);

    // The OS gives the replugged adapter the next free name.
    ports = [device('/dev/ttyUSB1')];
    await clock.advanceAsync(1000, 10);
    await flushPromises();
    expect(connection.health().state).toBe('connected');
    expect(opener.opened).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1']);
    await connection.stop();
  });

  it('keeps the "retrying" wording for faults that are not an absence', async () => {
    const connection = new DeviceConnection({
      link: { ...LINK, path: '/dev/ttyUSB0' },
      clock,
      open: () => Promise.reject(new Error('EIO: i/o error')),
    });
    await connection.start();
    expect(connection.health().detail).toBe('EIO: i/o error; retrying in 250 ms');
    await connection.stop();
  });
});
