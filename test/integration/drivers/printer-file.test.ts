/**
 * ZplPrinter over a device file (`file:` url): a temp regular file stands in for a write-only device, a FIFO for a
 * device that talks back (as usblp does for a bidirectional Zebra).
 */
import { execFileSync } from 'node:child_process';
import { constants, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabelPrinter } from '../../../drivers/printers/create-label-printer';
import { encodeHostStatus } from '../../../drivers/sim/zebra-host-status.sim';
import { parseHostStatus, isFrameError } from '../../../drivers/printers/zebra-host-status';
import { cleanupAfterEach } from '../../support/cleanup';
import { realClock } from '../../support/real-clock';

const cleanup = cleanupAfterEach();
const LABEL = '^XA^CI28^FO50,50^A0N,40,40^FDMüller Straße 5^FS^XZ';
// A ready printer's ~HS reply (fixture HS-02 of the Zebra status vectors).
const READY_HS = '\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'printer-file-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function filePrinter(path: string) {
  const printer = createLabelPrinter({ url: `file:${path}`, dpi: 203 }, { clock: realClock, tuning: { statusTimeoutMs: 300, filePollMs: 10 } });
  cleanup.push(() => printer.stop());
  return printer;
}

describe('ZplPrinter over a device file', () => {
  it('a write-only sink: labels are appended byte for byte; status is unknown, not invented', async () => {
    const path = join(tempDir(), 'lp0');
    writeFileSync(path, '');
    const printer = filePrinter(path);
    await printer.start();
    await printer.print(LABEL);
    await printer.print(LABEL);
    expect(readFileSync(path, 'utf8')).toBe(LABEL + LABEL);
    expect(await printer.status()).toEqual({ ready: true, faults: [] });
    expect(printer.health()).toMatchObject({ state: 'connected', detail: expect.stringMatching(/unknown/) });
    expect(await printer.labelCount()).toBeNull();
    expect(printer.dpi()).toBe(203);
  });

  it('a missing device fails with DEVICE and a hint, never creating a regular file', async () => {
    const path = join(tempDir(), 'lp0');
    const printer = filePrinter(path);
    await expect(printer.print(LABEL)).rejects.toMatchObject({ code: 'DEVICE', message: expect.stringMatching(/plugged in/) });
    expect(printer.health().state).toBe('disconnected');
    expect(() => readFileSync(path)).toThrow();
  });

  it('a device that answers: the ~HS reply is read back without blocking', async () => {
    const path = join(tempDir(), 'fifo');
    execFileSync('mkfifo', [path]);
    // The "printer" side: holds the FIFO open and has its answer waiting in it, as a device's read buffer would.
    const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
    cleanup.push(() => closeSync(fd));
    writeSync(fd, READY_HS);
    const printer = filePrinter(path);
    expect(await printer.status()).toEqual({ ready: true, faults: [], labelsWaiting: 0 });
    expect(printer.health()).toMatchObject({ state: 'connected', detail: 'Ready' });
  });

  it('a device that stays silent: the query times out (no_answer) instead of hanging a thread', async () => {
    const path = join(tempDir(), 'fifo');
    execFileSync('mkfifo', [path]);
    const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
    cleanup.push(() => closeSync(fd));
    const printer = filePrinter(path);
    const started = Date.now();
    // Our own request comes back through the FIFO; it is not a reply, so both queries time out.
    expect(await printer.status()).toEqual({ ready: false, faults: ['no_answer'] });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('the fixture reply used above is a ready status', () => {
    const parsed = parseHostStatus(READY_HS);
    expect(isFrameError(parsed) ? parsed.reason : encodeHostStatus(parsed)).toBe(READY_HS);
  });
});
