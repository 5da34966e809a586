import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, type FakeClock } from '../../../support/fake-clock';
import type { FakeOpener } from '../serial/fake-byte-link';
import { scannerRig, type ScannerRig } from './scanner-rig';

describe('SerialScanner', () => {
  let clock: FakeClock;
  let opener: FakeOpener;
  let scans: string[];
  let make: ScannerRig['make'];

  beforeEach(() => {
    ({ clock, opener, scans, make } = scannerRig());
  });

  it('emits complete scans, prefix and terminator stripped, and never writes to the scanner', async () => {
    const scanner = make({ prefix: '*', terminator: '\r\n' });
    await scanner.start();
    opener.last.receive('*WH/OUT/');
    opener.last.receive('00012\r');
    expect(scans).toEqual([]);
    opener.last.receive('\n*4006381333931\r\n');
    expect(scans).toEqual(['WH/OUT/00012', '4006381333931']);
    expect(opener.last.writes).toHaveLength(0);
    await scanner.stop();
  });

  it('is never silent: a scanner is quiet until something is scanned', async () => {
    const scanner = make();
    await scanner.start();
    clock.advance(60 * 60_000);
    expect(scanner.health().state).toBe('connected');
    await scanner.stop();
  });

  it('reconnects after a drop and does not glue half a scan onto the next one', async () => {
    const scanner = make();
    await scanner.start();
    opener.last.receive('HALF-SC');
    opener.last.drop();
    expect(scanner.health().state).toBe('disconnected');
    clock.advance(250);
    await flushPromises();
    expect(scanner.health().state).toBe('connected');
    opener.last.receive('ABC\r');
    expect(scans).toEqual(['ABC']);
    await scanner.stop();
    expect(clock.pending).toBe(0);
  });

  it('retries a scanner that is missing at start', async () => {
    opener.failures = 2;
    const scanner = make();
    await scanner.start();
    expect(scanner.health()).toMatchObject({ state: 'disconnected' });
    expect(scanner.health().detail).toMatch(/not found.*250 ms/);
    await clock.advanceAsync(750, 250);
    expect(scanner.health().state).toBe('connected');
    await scanner.stop();
  });

  it('keeps emitting to other listeners when one throws', async () => {
    const scanner = make();
    scanner.onScan(() => {
      throw new Error('boom');
    });
    await scanner.start();
    opener.last.receive('A\rB\r');
    expect(scans).toEqual(['A', 'B']);
    await scanner.stop();
  });

  it('unsubscribes', async () => {
    const scanner = make();
    const seen: string[] = [];
    const off = scanner.onScan((c) => seen.push(c));
    await scanner.start();
    opener.last.receive('A\r');
    off();
    opener.last.receive('B\r');
    expect(seen).toEqual(['A']);
    await scanner.stop();
  });
});
