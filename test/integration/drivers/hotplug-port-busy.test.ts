import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ScaleConfigSchema, SerialLinkSchema } from '../../../app/domain';
import { ScaleSimulator } from '../../../drivers/sim/scale.sim';
import { SerialScale } from '../../../drivers/scales/serial-scale';
import { openByteLink } from '../../../drivers/serial/byte-link';
import { deviceProblem } from '../../../drivers/serial/serial-open-error';
import { cleanupAfterEach } from '../../support/cleanup';
import { scaleHealthWhere, scaleReading } from '../../support/device-waits';
import { realClock } from '../../support/real-clock';
import { createPtyPair } from '../../support/socat';

const cleanup = cleanupAfterEach();

/**
 * Another program holding the port the way a second station (or a hung earlier run) would: serialport with its
 * default exclusive flock, in its own process. Resolves once the lock is taken.
 */
async function lockHolder(path: string): Promise<ChildProcess> {
  const script = `
    import { SerialPort } from 'serialport';
    const port = new SerialPort({ path: ${JSON.stringify(path)}, baudRate: 9600, lock: true, autoOpen: false });
    port.open((err) => { if (err) { console.error(err.message); process.exit(3); } console.log('locked'); });
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('lock holder did not start within 5 s')), 5000);
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('locked')) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lock holder exited ${code}: ${err}`));
    });
  });
  return child;
}

describe('a serial port that is already in use (real flock on a real PTY)', () => {
  it('a second open in the same process is refused with the clear message, naming this station', async () => {
    const pair = await createPtyPair();
    cleanup.push(() => pair.close());
    const link = SerialLinkSchema.parse({ path: pair.a });
    const first = await openByteLink(link);
    cleanup.push(() => first.close());

    const error = await openByteLink(link).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'DEVICE' });
    expect(deviceProblem(error)).toBe('busy');
    const message = (error as Error).message;
    expect(message).toContain(`${pair.a} is in use by another program (close it or unplug/replug the device)`);
    if (process.platform === 'linux') expect(message).toContain(`held by this station itself (pid ${process.pid}`);
    // The refused open must not leak a descriptor that would keep the port busy later.
    await first.close();
    const reopened = await openByteLink(link);
    await reopened.close();
  });

  it('names a hung holder; once that process is gone the scale connects by itself', async () => {
    const pair = await createPtyPair();
    cleanup.push(() => pair.close());
    const sim = new ScaleSimulator({ protocol: 'mt-sics' });
    cleanup.push(() => sim.close());
    await sim.attachPath(pair.b);
    sim.setWeight(4321);

    const holder = await lockHolder(pair.a);
    // A process that did not exit (hung, stopped, a forgotten second instance) is what keeps a port busy.
    holder.kill('SIGSTOP');

    const config = ScaleConfigSchema.parse({ path: pair.a, protocol: 'mt-sics', pollMs: 50, staleMs: 1000 });
    const scale = new SerialScale(config, { clock: realClock, backoff: { baseMs: 100, maxMs: 300 } });
    cleanup.push(() => scale.stop());
    await scale.start();
    const busy = scale.health();
    expect(busy.state).toBe('disconnected');
    expect(busy.detail).toMatch(new RegExp(`^${pair.a} is in use by another program \\(close it or unplug/replug the device\\)`));
    if (process.platform === 'linux') expect(busy.detail).toContain(`held by pid ${holder.pid} (node, stopped)`);
    expect(busy.detail).toMatch(/; retrying in \d+ ms$/);

    // The holder dies (the operator kills it, or it finally crashes): the kernel drops its lock with it.
    const exited = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
    holder.kill('SIGKILL');
    await exited;
    await scaleHealthWhere(scale, (h) => h.state === 'connected', 'connected after the holder died');
    await scaleReading(scale, (r) => r.grams === 4321, 4000);
  });
});
