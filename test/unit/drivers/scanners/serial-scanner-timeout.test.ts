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
  interCharTimeoutMs: 50,
  ...over,
});

describe('SerialScanner inter-character timeout', () => {
  let clock: FakeClock;
  let opener: FakeOpener;
  let scans: string[];

  const start = async (over: Partial<ScannerConfig> = {}): Promise<SerialScanner> => {
    const scanner = new SerialScanner(config(over), { clock, open: opener.open });
    scanner.onScan((code) => scans.push(code));
    await scanner.start();
    return scanner;
  };

  beforeEach(() => {
    clock = new FakeClock();
    opener = new FakeOpener();
    scans = [];
  });

  it('ends a scan without terminator once bytes stop for interCharTimeoutMs, not before', async () => {
    const scanner = await start();
    opener.last.receive('40063');
    clock.advance(49);
    opener.last.receive('81333931');
    clock.advance(49);
    expect(scans).toEqual([]);
    clock.advance(1);
    expect(scans).toEqual(['4006381333931']);
    opener.last.receive('TOTE-7');
    clock.advance(50);
    expect(scans).toEqual(['4006381333931', 'TOTE-7']);
    await scanner.stop();
    expect(clock.pending).toBe(0);
  });

  it('a terminator still ends a scan at once and leaves no timer behind', async () => {
    const scanner = await start();
    opener.last.receive('A1\r');
    expect(scans).toEqual(['A1']);
    expect(clock.pending).toBe(0);
    await scanner.stop();
  });

  it('strips prefix and suffix of a timed-out scan', async () => {
    const scanner = await start({ prefix: ']C1', suffix: '\t', terminator: '\r\n' });
    opener.last.receive(']C10104006381333931\x1d10LOT7\t');
    clock.advance(50);
    expect(scans).toEqual(['0104006381333931\x1d10LOT7']);
    await scanner.stop();
  });

  it('with timeout 0 waits for the terminator however long the gap', async () => {
    const scanner = await start({ interCharTimeoutMs: 0 });
    opener.last.receive('SLOW');
    clock.advance(60_000);
    expect(scans).toEqual([]);
    opener.last.receive('-1\r');
    expect(scans).toEqual(['SLOW-1']);
    await scanner.stop();
  });

  it('drops half a scan when the link drops, even after the timeout', async () => {
    const scanner = await start();
    opener.last.receive('HALF');
    opener.last.drop();
    clock.advance(100);
    expect(scans).toEqual([]);
    clock.advance(250);
    await flushPromises();
    expect(scanner.health().state).toBe('connected');
    opener.last.receive('WHOLE');
    clock.advance(50);
    expect(scans).toEqual(['WHOLE']);
    await scanner.stop();
  });

  it('stop() cancels the pending timer and forgets the half scan', async () => {
    const scanner = await start();
    opener.last.receive('HALF');
    await scanner.stop();
    expect(clock.pending).toBe(0);
    clock.advance(1000);
    expect(scans).toEqual([]);
  });
});
