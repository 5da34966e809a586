import { readFile, readdir, readlink, realpath, stat } from 'node:fs/promises';

/** A process that has a serial port open, found through /proc. */
export interface PortHolder {
  pid: number;
  /** `comm` of the process (at most 15 characters: `node`, `electron`, `minicom`). */
  command: string;
  /** Kernel process state: R running, S sleeping, D in uninterruptible I/O, T stopped, Z zombie... */
  state: string;
  /** True when /proc/locks names it as the owner of serialport's exclusive flock on the port. */
  locks: boolean;
  /** The station's own process: the same port configured twice, or a port this run never closed. */
  self: boolean;
}

export type FindPortHolders = (path: string) => Promise<PortHolder[]>;

export interface FindPortHoldersOptions {
  procDir?: string;
  /** Stop looking after this many processes: the answer is a hint, never worth a slow error path. */
  maxProcesses?: number;
}

const STATE_NAMES: Record<string, string> = {
  R: 'running',
  S: 'sleeping',
  D: 'stuck in device I/O',
  T: 'stopped',
  t: 'stopped by a debugger',
  Z: 'zombie',
  I: 'idle',
};

/**
 * Who holds a serial port, best effort and Linux only (elsewhere: no answer). serialport takes an exclusive
 * flock(2); the kernel drops it when the last descriptor closes, so a crashed process that really exited leaves
 * no lock behind. What does keep a port busy "after a crash" is a process that did not exit: hung, stopped,
 * stuck in a USB driver, or a second instance. Two sources: /proc/locks names the flock owner; /proc/<pid>/fd
 * links name every process that has the tty open (lock or not, e.g. a terminal program using TIOCEXCL).
 * Another user's processes are invisible without root, which is why an empty answer proves nothing.
 */
export async function findPortHolders(path: string, options: FindPortHoldersOptions = {}): Promise<PortHolder[]> {
  if (process.platform !== 'linux' && options.procDir === undefined) return [];
  const procDir = options.procDir ?? '/proc';
  let target: string;
  let lockKey: string | null;
  try {
    target = await realpath(path);
    lockKey = await flockKey(target);
  } catch {
    return [];
  }
  const lockers = lockKey ? await lockOwners(procDir, lockKey) : new Set<number>();
  // The lock owner is the one to close; others with the tty open (a PTY's socat, ModemManager probing) would
  // only blur that answer. Without a lock owner (TIOCEXCL, another user's lock) every opener is a suspect.
  const pids = lockers.size > 0 ? [...lockers] : await fdOpeners(procDir, target, options.maxProcesses ?? 4096);
  const holders = await Promise.all(pids.map((pid) => describeProcess(procDir, pid, lockers.has(pid))));
  return holders.sort((a, b) => a.pid - b.pid);
}

/** `held by pid 4242 (node, stopped)`; several holders are listed, the station itself is called out. */
export function describePortHolders(holders: readonly PortHolder[]): string | null {
  if (holders.length === 0) return null;
  const shown = holders.slice(0, 3).map((holder) => {
    if (holder.self) return `this station itself (pid ${holder.pid}: is the same port configured twice?)`;
    const state = STATE_NAMES[holder.state] ?? holder.state;
    return `pid ${holder.pid} (${holder.command}${state ? `, ${state}` : ''})`;
  });
  const more = holders.length > 3 ? ` and ${holders.length - 3} more` : '';
  return `held by ${shown.join(', ')}${more}`;
}

/** /proc/locks identifies a file as `MAJOR:MINOR:INODE` of the filesystem it lives on (major/minor in hex). */
async function flockKey(target: string): Promise<string | null> {
  const info = await stat(target, { bigint: true });
  const dev = info.dev;
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${info.ino.toString()}`;
}

async function lockOwners(procDir: string, key: string): Promise<Set<number>> {
  const owners = new Set<number>();
  const text = await readFile(`${procDir}/locks`, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    // `1: FLOCK  ADVISORY  WRITE 2349 00:1a:3 0 EOF`; `->` lines are waiters, not owners.
    const fields = line.trim().split(/\s+/);
    if (fields[1] !== 'FLOCK' || fields[2] === '->') continue;
    const [, , , , pid, file] = fields;
    if (file && sameLockKey(file, key) && pid && /^\d+$/.test(pid)) owners.add(Number(pid));
  }
  return owners;
}

function sameLockKey(a: string, b: string): boolean {
  const norm = (key: string): string => key.split(':').map((part, i) => (i < 2 ? Number.parseInt(part, 16) : Number(part))).join(':');
  return norm(a) === norm(b);
}

async function fdOpeners(procDir: string, target: string, maxProcesses: number): Promise<number[]> {
  const entries = await readdir(procDir).catch(() => [] as string[]);
  const pids = entries.filter((name) => /^\d+$/.test(name)).slice(0, maxProcesses);
  const found: number[] = [];
  for (const pid of pids) {
    const fds = await readdir(`${procDir}/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`${procDir}/${pid}/fd/${fd}`).catch(() => null);
      if (link === target) {
        found.push(Number(pid));
        break;
      }
    }
  }
  return found;
}

async function describeProcess(procDir: string, pid: number, locks: boolean): Promise<PortHolder> {
  const command = (await readFile(`${procDir}/${pid}/comm`, 'utf8').catch(() => '?')).trim();
  const statLine = await readFile(`${procDir}/${pid}/stat`, 'utf8').catch(() => '');
  // The command in `stat` may contain spaces and parentheses: the state is the first field after the LAST ')'.
  const state = statLine.slice(statLine.lastIndexOf(')') + 1).trim().split(/\s+/)[0] ?? '';
  return { pid, command, state, locks, self: pid === process.pid };
}
