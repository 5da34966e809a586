import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScaleConfigSchema } from '../../../app/domain';
import { ScaleSimulator } from '../../../drivers/sim/scale.sim';
import { SerialScale } from '../../../drivers/scales/serial-scale';
import { createByteLinkOpener } from '../../../drivers/serial/byte-link';
import type { PortInfo } from '../../../drivers/serial/port-identity';
import { cleanupAfterEach } from '../../support/cleanup';
import { scaleHealthWhere, scaleReading } from '../../support/device-waits';
import { realClock } from '../../support/real-clock';
import { createPtyPair } from '../../support/socat';

// Real time on purpose: real PTYs, real socat, real serialport. Every wait is bounded.
const BACKOFF = { baseMs: 50, maxMs: 300 };
const WAIT_MS = 4000;

const cleanup = cleanupAfterEach();

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotplug-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const reading = (scale: SerialScale, grams: number, timeoutMs = WAIT_MS) => scaleReading(scale, (r) => r.grams === grams, timeoutMs);

function mtSicsScale(path: string, open?: ReturnType<typeof createByteLinkOpener>): SerialScale {
  const config = ScaleConfigSchema.parse({ path, protocol: 'mt-sics', pollMs: 50, staleMs: 1000 });
  const scale = new SerialScale(config, { clock: realClock, backoff: BACKOFF, ...(open ? { open } : {}) });
  cleanup.push(() => scale.stop());
  return scale;
}

async function simulatorOn(path: string, grams: number): Promise<ScaleSimulator> {
  const sim = new ScaleSimulator({ protocol: 'mt-sics' });
  cleanup.push(() => sim.close());
  await sim.attachPath(path);
  sim.setWeight(grams);
  return sim;
}

describe('hot-plug through a real PTY pair', () => {
  it('unplug → disconnected with a clear detail; replug at the same path → connected and reading, no restart', async () => {
    const where = join(tempDir(), 'usb');
    const pair = await createPtyPair(where);
    cleanup.push(() => pair.close());
    const sim = await simulatorOn(pair.b, 1200);
    const scale = mtSicsScale(pair.a);
    await scale.start();
    await reading(scale, 1200);
    expect(scale.health().state).toBe('connected');

    // Unplug: socat dies, both PTYs and their links vanish.
    await pair.close();
    await sim.close();
    const lost = await scaleHealthWhere(scale, (h) => h.state === 'disconnected', 'disconnected', WAIT_MS);
    expect(lost.detail).toBeDefined();
    expect(scale.lastReading()).toBeNull();
    // Once the retries find no port, the detail says so in words, without a stack trace.
    const waiting = await scaleHealthWhere(scale, (h) => /serial port not found/.test(h.detail ?? ''), 'reported missing', WAIT_MS);
    expect(waiting.detail).toMatch(new RegExp(`^${pair.a}: serial port not found — it does not exist \\(unplugged, or wrong path\\) — waiting, next check in \\d+ ms$`));
    expect(waiting.detail).not.toMatch(/\n|\s+at\s/);

    // Replug: the pair comes back at the same path with a scale behind it.
    const again = await createPtyPair(where);
    cleanup.push(() => again.close());
    expect(again.a).toBe(pair.a);
    await simulatorOn(again.b, 2300);
    await scaleHealthWhere(scale, (h) => h.state === 'connected', 'connected again', 5000);
    expect(await reading(scale, 2300, 5000)).toMatchObject({ grams: 2300, stable: true });
  });

  it('a usb: identity follows the device when it comes back under another path', async () => {
    const first = await createPtyPair(join(tempDir(), 'first'));
    cleanup.push(() => first.close());
    const sim = await simulatorOn(first.b, 500);

    // The OS port list as the station would see it: the FTDI adapter first at "ttyUSB0" (pty a) ...
    let listed: PortInfo[] = [{ path: first.a, vendorId: '0403', productId: '6001', serialNumber: 'A50285BI', manufacturer: 'FTDI' }];
    const lookups: string[] = [];
    const open = createByteLinkOpener({
      listPorts: () => {
        lookups.push(listed.map((p) => p.path).join(',') || '(none)');
        return Promise.resolve(listed);
      },
    });
    const scale = mtSicsScale('usb:0403:6001:a50285bi', open);
    await scale.start();
    await reading(scale, 500);

    // ... unplugged: gone from the list ...
    listed = [{ path: '/dev/ttyS0' }];
    await first.close();
    await sim.close();
    const waiting = await scaleHealthWhere(scale, (h) => /not plugged in/.test(h.detail ?? ''), 'waiting for the device', WAIT_MS);
    expect(waiting).toMatchObject({ state: 'disconnected' });
    expect(waiting.detail).toMatch(/^USB device 0403:6001 SN a50285bi is not plugged in — waiting, next check in \d+ ms$/);

    // ... and replugged where the OS pleased (another PTY standing in for /dev/ttyUSB1).
    const second = await createPtyPair(join(tempDir(), 'second'));
    cleanup.push(() => second.close());
    await simulatorOn(second.b, 777);
    listed = [{ path: '/dev/ttyS0' }, { path: second.a, vendorId: '0403', productId: '6001', serialNumber: 'A50285BI' }];
    expect(await reading(scale, 777, 5000)).toMatchObject({ stable: true });
    expect(scale.health().state).toBe('connected');
    expect(lookups[0]).toBe(first.a);
    expect(lookups.at(-1)).toContain(second.a);
  });
});
