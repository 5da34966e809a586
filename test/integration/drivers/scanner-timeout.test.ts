/**
 * A scanner set up without suffix sends the bare code: through a real PTY pair, the inter-character timeout alone
 * must cut the byte stream into scans — neither gluing two scans together nor splitting one sent in pieces.
 */
import { describe, expect, it } from 'vitest';
import type { ScannerConfig } from '../../../app/domain';
import { ScannerSimulator } from '../../../drivers/sim/scanner.sim';
import { SerialScanner } from '../../../drivers/scanners/serial-scanner';
import { cleanupAfterEach } from '../../support/cleanup';
import { realClock } from '../../support/real-clock';
import { scannerConfig } from '../../support/scanner-config';
import { createPtyPair } from '../../support/socat';

const cleanup = cleanupAfterEach();

const TIMEOUT_MS = 60;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rig(sim: ScannerSimulator, over: Partial<ScannerConfig>) {
  cleanup.push(() => sim.close());
  const pair = await createPtyPair();
  cleanup.push(() => pair.close());
  await sim.attachPath(pair.b);
  const scanner = new SerialScanner(scannerConfig({ path: pair.a, interCharTimeoutMs: TIMEOUT_MS, ...over }), { clock: realClock });
  cleanup.push(() => scanner.stop());
  const scans: string[] = [];
  scanner.onScan((code) => scans.push(code));
  await scanner.start();
  expect(scanner.health().state).toBe('connected');
  return { scanner, scans };
}

/** Polls (bounded) until `scans` has `count` entries, then waits one more timeout to catch extra ones. */
async function settled(scans: string[], count: number, limitMs = 3000): Promise<string[]> {
  for (const start = Date.now(); scans.length < count && Date.now() - start < limitMs; ) await pause(10);
  await pause(TIMEOUT_MS * 3);
  return scans;
}

describe('SerialScanner over a PTY with no terminator', () => {
  it('ends each scan by the inter-character timeout', async () => {
    const sim = new ScannerSimulator({ terminator: '' });
    const { scans } = await rig(sim, {});
    await sim.scan('4006381333931');
    await pause(TIMEOUT_MS * 4);
    await sim.scan('WH/OUT/00012');
    expect(await settled(scans, 2)).toEqual(['4006381333931', 'WH/OUT/00012']);
  });

  it('does not split a scan whose bytes arrive in pieces closer together than the timeout', async () => {
    const sim = new ScannerSimulator({ terminator: '' });
    const { scans } = await rig(sim, {});
    for (const piece of ['0104', '006381', '333931', '\x1d10', 'LOT-7']) {
      await sim.send(piece);
      await pause(TIMEOUT_MS / 6);
    }
    expect(await settled(scans, 1)).toEqual(['0104006381333931\x1d10LOT-7']);
  });

  it('strips prefix and suffix from timed-out scans, and a terminator still works alongside', async () => {
    const sim = new ScannerSimulator({ terminator: '', prefix: ']C1', suffix: '\t' });
    const { scans } = await rig(sim, { prefix: ']C1', suffix: '\t' });
    await sim.scan('0104006381333931');
    await pause(TIMEOUT_MS * 4);
    await sim.send(']C100106141412345678908\t\r');
    expect(await settled(scans, 2)).toEqual(['0104006381333931', '00106141412345678908']);
  });
});
