import { beforeEach, describe, expect, it } from 'vitest';
import type { ScannerConfig } from '../../../../app/domain';
import { SerialScanner } from '../../../../drivers/scanners/serial-scanner';
import { FakeClock, flushPromises } from '../../../support/fake-clock';
import { FakeOpener } from '../serial/fake-byte-link';

const config = (over: Partial<ScannerConfig> = {}): ScannerConfig => ({
  path: 'tcp://10.0.0.5:4001',
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  terminator: '\r',
  prefix: '',
  suffix: '',
  interCharTimeoutMs: 0,
  ...over,
});

describe('SerialScanner', () => {
  let clock: FakeClock;
  let opener: FakeOpener;
  let scans: string[];

  const make = (over: Partial<ScannerConfig> = {}): SerialScanner => {
    const scanner = new SerialScanner(config(over), { clock, open: opener.open });
    scanner.onScan((code) => scans.push(code));
    return scanner;
  };

  beforeEach(() => {
    clock = new FakeClock();
    opener = new FakeOpener();
    scans = [];
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
