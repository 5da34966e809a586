import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describePortHolders, findPortHolders, type PortHolder } from '../../../../drivers/serial/port-holders';
import { classifySerialOpenError, deviceProblem, serialOpenError } from '../../../../drivers/serial/serial-open-error';

// The exact shapes @serialport/bindings-cpp 12 produces (src/serialport_unix.cpp; observed on this machine for
// the first two): a plain Error whose message embeds strerror, no `code`.
const LINUX = {
  missing: new Error('Error: No such file or directory, cannot open /dev/ttyUSB0'),
  locked: new Error('Error Resource temporarily unavailable Cannot lock port'),
  exclusive: new Error('Error: Device or resource busy, cannot open /dev/ttyUSB0'),
  denied: new Error('Error: Permission denied, cannot open /dev/ttyUSB0'),
};
const WINDOWS = {
  busy: new Error('Opening COM3: Access denied'),
  missing: new Error('Opening COM9: File not found'),
};

describe('classifySerialOpenError', () => {
  it.each([
    [LINUX.missing, 'absent'],
    [LINUX.locked, 'busy'],
    [LINUX.exclusive, 'busy'],
    [LINUX.denied, 'permission'],
    [WINDOWS.busy, 'busy'],
    [WINDOWS.missing, 'absent'],
    [Object.assign(new Error('open failed'), { code: 'EBUSY' }), 'busy'],
    [Object.assign(new Error('open failed'), { code: 'EACCES' }), 'permission'],
    [Object.assign(new Error('open failed'), { code: 'ENOENT' }), 'absent'],
    [new Error('Error baud rate of 123 is not supported on your platform'), 'other'],
  ] as const)('%s → %s', (error, problem) => {
    expect(classifySerialOpenError(error)).toBe(problem);
  });
});

describe('serialOpenError', () => {
  const noHolders = (): Promise<PortHolder[]> => Promise.resolve([]);

  it('names a missing port', async () => {
    const error = await serialOpenError(LINUX.missing, { configured: '/dev/ttyUSB0', findHolders: noHolders });
    expect(error).toMatchObject({ code: 'DEVICE', message: '/dev/ttyUSB0: serial port not found — it does not exist (unplugged, or wrong path)' });
    expect(deviceProblem(error)).toBe('absent');
    expect(error.cause).toBe(LINUX.missing);
  });

  it('says who else has a busy port, when it can tell', async () => {
    const holder: PortHolder = { pid: 4242, command: 'node', state: 'T', locks: true, self: false };
    const error = await serialOpenError(LINUX.locked, { configured: 'usb:0403:6001:A5', resolved: '/dev/ttyUSB1', findHolders: () => Promise.resolve([holder]) });
    expect(error.message).toBe(
      'usb:0403:6001:A5 (/dev/ttyUSB1) is in use by another program (close it or unplug/replug the device); held by pid 4242 (node, stopped)',
    );
    expect(deviceProblem(error)).toBe('busy');
  });

  it('keeps the busy message when the holder cannot be found (other OS, other user)', async () => {
    const error = await serialOpenError(WINDOWS.busy, { configured: 'COM3', findHolders: () => Promise.reject(new Error('no /proc')) });
    expect(error.message).toBe('COM3 is in use by another program (close it or unplug/replug the device)');
  });

  it('tells how to fix a permission problem', async () => {
    const error = await serialOpenError(LINUX.denied, { configured: '/dev/ttyUSB0' });
    expect(error.message).toMatch(/^\/dev\/ttyUSB0: permission denied: add the user to the dialout group/);
    expect(deviceProblem(error)).toBe('permission');
  });

  it('passes anything else through with the port name', async () => {
    const error = await serialOpenError(new Error('Invalid parity setting 9'), { configured: 'COM1' });
    expect(error.message).toBe('COM1: Invalid parity setting 9');
  });
});

describe('port holders', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A fake /proc: process 100 has the "tty" open and owns its flock, 200 has it open too, 300 has another file. */
  function fakeProc(): { proc: string; tty: string } {
    const root = mkdtempSync(join(tmpdir(), 'proc-'));
    dirs.push(root);
    const tty = join(root, 'ttyUSB0');
    writeFileSync(tty, '');
    const other = join(root, 'other');
    writeFileSync(other, '');
    const proc = join(root, 'proc');
    const { dev, ino } = statSync(tty, { bigint: true });
    const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
    const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
    const key = `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${ino}`;
    const process = (pid: number, comm: string, state: string, target: string): void => {
      mkdirSync(join(proc, String(pid), 'fd'), { recursive: true });
      writeFileSync(join(proc, String(pid), 'comm'), `${comm}\n`);
      writeFileSync(join(proc, String(pid), 'stat'), `${pid} (${comm} (x)) ${state} 1 2 3`);
      symlinkSync(target, join(proc, String(pid), 'fd', '7'));
    };
    process(100, 'electron', 'T', tty);
    process(200, 'socat', 'S', tty);
    process(300, 'bash', 'S', other);
    writeFileSync(join(proc, 'locks'), `1: POSIX  ADVISORY  WRITE 999 00:00:1 0 EOF\n2: FLOCK  ADVISORY  WRITE 100 ${key} 0 EOF\n3: FLOCK  ADVISORY  WRITE 555 00:00:2 0 EOF\n`);
    return { proc, tty };
  }

  it('names the flock owner, with its command and state', async () => {
    const { proc, tty } = fakeProc();
    expect(await findPortHolders(tty, { procDir: proc })).toEqual([{ pid: 100, command: 'electron', state: 'T', locks: true, self: false }]);
  });

  it('falls back to every process that has the port open when nobody owns a lock', async () => {
    const { proc, tty } = fakeProc();
    writeFileSync(join(proc, 'locks'), '');
    expect((await findPortHolders(tty, { procDir: proc })).map((h) => [h.pid, h.command, h.locks])).toEqual([
      [100, 'electron', false],
      [200, 'socat', false],
    ]);
  });

  it('answers nothing for a path that does not exist', async () => {
    const { proc } = fakeProc();
    expect(await findPortHolders('/nonexistent/tty', { procDir: proc })).toEqual([]);
  });

  it('describes holders for an operator', () => {
    expect(describePortHolders([])).toBeNull();
    expect(describePortHolders([{ pid: 7, command: 'minicom', state: 'S', locks: false, self: false }])).toBe('held by pid 7 (minicom, sleeping)');
    expect(describePortHolders([{ pid: process.pid, command: 'node', state: 'R', locks: true, self: true }])).toMatch(
      /held by this station itself \(pid \d+: is the same port configured twice\?\)/,
    );
  });
});
