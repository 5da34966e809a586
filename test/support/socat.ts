import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** Stable symlink to one end of the pair. */
  a: string;
  /** Stable symlink to the other end. */
  b: string;
  /** Kills socat: both ends vanish, as when a USB adapter is unplugged. */
  close(): Promise<void>;
}

/**
 * A connected pair of pseudo-terminals via socat. The links live at `<dir>/a` and `<dir>/b`, so a test can close
 * the pair and create it again at the same paths to play "unplug and replug".
 */
export async function createPtyPair(where?: string, timeoutMs = 5000): Promise<PtyPair> {
  // A directory this call creates is removed on close; recreating the pair later makes it again.
  const created = where === undefined || !existsSync(where);
  const dir = where ?? mkdtempSync(join(tmpdir(), 'pty-'));
  mkdirSync(dir, { recursive: true });
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`socat did not create ${a} and ${b} within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const check = (): void => {
      // socat logs this once both PTYs and their links exist.
      if (log.includes('starting data transfer loop') && existsSync(a) && existsSync(b)) done();
    };
    const done = (): void => {
      clearTimeout(timer);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
      resolve();
    };
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onExit = (): void => fail(new Error(`socat exited early:\n${log}`));
    child.stderr?.on('data', check);
    child.once('exit', onExit);
    child.once('error', (error) => fail(error));
  });
  return {
    a,
    b,
    close: async () => {
      await stop(child, exited);
      if (created) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}
