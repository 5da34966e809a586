import { describe, expect, it } from 'vitest';
import { StationError } from '../../../app/domain/errors';
import { openByteLink } from '../../../drivers/serial/byte-link';
import { ScannerSimulator } from '../../../drivers/sim/scanner.sim';
import { SerialScanner } from '../../../drivers/scanners/serial-scanner';
import { cleanupAfterEach } from '../../support/cleanup';
import { realClock } from '../../support/real-clock';
import { scannerConfig } from '../../support/scanner-config';
import { createPtyPair } from '../../support/socat';

const cleanup = cleanupAfterEach();

/** Collects scans and resolves once `count` have arrived (bounded). */
function collect(scanner: SerialScanner, count: number, timeoutMs = 3000): Promise<string[]> {
  const seen: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`got ${JSON.stringify(seen)} within ${timeoutMs} ms, wanted ${count} scans`));
    }, timeoutMs);
    const off = scanner.onScan((code) => {
      seen.push(code);
      if (seen.length < count) return;
      clearTimeout(timer);
      off();
      resolve(seen);
    });
  });
}

const line = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

describe.each(['pty', 'tcp'] as const)('SerialScanner ⇄ ScannerSimulator over %s', (via) => {
  it('delivers each scan once, prefix and terminator stripped', async () => {
    const sim = new ScannerSimulator({ prefix: ']C1', terminator: '\r\n' });
    cleanup.push(() => sim.close());
    let path: string;
    if (via === 'pty') {
      const pair = await createPtyPair();
      cleanup.push(() => pair.close());
      await sim.attachPath(pair.b);
      path = pair.a;
    } else {
      path = (await sim.listenTcp()).url;
    }
    const scanner = new SerialScanner(scannerConfig({ path, prefix: ']C1', terminator: '\r\n' }), { clock: realClock });
    cleanup.push(() => scanner.stop());
    await scanner.start();
    expect(scanner.health().state).toBe('connected');
    if (via === 'tcp') {
      // The server learns of the peer a moment after the client's connect resolves.
      for (let i = 0; i < 100 && sim.peers === 0; i++) await new Promise((r) => setImmediate(r));
    }
    const got = collect(scanner, 3);
    for (const code of ['WH/OUT/00012', '4006381333931', 'Größe-42']) await sim.scan(code);
    expect(await got).toEqual(['WH/OUT/00012', '4006381333931', 'Größe-42']);
  });
});

describe('openByteLink', () => {
  it('turns a refused TCP connection into a DEVICE error with a clear message', async () => {
    const sim = new ScannerSimulator();
    const { url } = await sim.listenTcp();
    await sim.close();
    const error = await openByteLink({ path: url, ...line }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StationError);
    expect(error).toMatchObject({ code: 'DEVICE', message: expect.stringMatching(/connection refused/) });
  });

  it('rejects a malformed tcp:// address as a CONFIG error', async () => {
    await expect(openByteLink({ path: 'tcp://host-without-port', ...line })).rejects.toMatchObject({ code: 'CONFIG' });
  });

  it('turns a missing serial path into a DEVICE error', async () => {
    await expect(openByteLink({ path: '/tmp/no-such-tty-xyz', ...line })).rejects.toMatchObject({
      code: 'DEVICE',
      message: expect.stringMatching(/not found/),
    });
  });

  it('sends bytes both ways through a PTY pair and reports the far end going away', async () => {
    const pair = await createPtyPair();
    cleanup.push(() => pair.close());
    const a = await openByteLink({ path: pair.a, ...line });
    const b = await openByteLink({ path: pair.b, ...line });
    cleanup.push(() => a.close(), () => b.close());
    const received = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('nothing arrived')), 3000);
      let text = '';
      b.onData((chunk) => {
        text += chunk.toString('latin1');
        if (text.endsWith('\r\n')) {
          clearTimeout(timer);
          resolve(text);
        }
      });
    });
    await a.write(Buffer.from('hello\r\n'));
    expect(await received).toBe('hello\r\n');
    const closed = new Promise<Error | undefined>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('close not reported')), 3000);
      a.onClose((err) => {
        clearTimeout(timer);
        resolve(err);
      });
    });
    await b.close();
    await pair.close();
    // Reading alone must notice: a scanner link never writes.
    expect(await closed).toBeInstanceOf(Error);
  });
});
