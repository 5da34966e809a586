import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * A process's memory and CPU as Linux accounts them (/proc/<pid>/status and /proc/<pid>/stat), so that the numbers are
 * the hub's own and not the load generator's.
 */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface MemorySample {
  /** Resident now (VmRSS), MB. */
  rssMb: number;
  /** Highest resident since the process started (VmHWM), MB. */
  peakMb: number;
}

function kbField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc status has no ${name}`);
  return Number(match[1]);
}

export function memoryOf(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMb: kbField(status, 'VmRSS') / 1024, peakMb: kbField(status, 'VmHWM') / 1024 };
}

/** /proc/<pid>/stat from the state field on (the command name, field 2, may hold spaces and parentheses). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User + system CPU time the process has used, in seconds (utime and stime: fields 14 and 15 of the line). */
export function cpuSecondsOf(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

const pids = () => readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);

/** The first process whose command line (NUL-separated arguments) satisfies `match`. */
export function findProcess(match: (args: string[]) => boolean): number | null {
  for (const pid of pids()) {
    try {
      if (match(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'))) return pid;
    } catch {
      // gone since the directory was listed
    }
  }
  return null;
}

/**
 * CPU seconds of a server and its worker processes (PostgreSQL's backends): the root's own and reaped children's
 * time (cutime, cstime) plus its live children's.
 */
export function treeCpuSecondsOf(root: number): number {
  const fields = statFields(root);
  let ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  for (const pid of pids()) {
    try {
      const child = statFields(pid);
      if (Number(child[1]) === root) ticks += Number(child[11]) + Number(child[12]);
    } catch {
      // exited meanwhile: its time is in the root's cutime once reaped
    }
  }
  return ticks / CLOCK_TICKS;
}

/** % of one core a process (tree) used between `start()` and `stop()`. */
export function cpuMeter(seconds: () => number): { stop(): number } {
  const startCpu = seconds();
  const startAt = performance.now();
  return { stop: () => (100 * (seconds() - startCpu)) / ((performance.now() - startAt) / 1000) };
}

/** Samples a process once a second over a window: steady RSS (median), peak RSS and CPU as % of one core. */
export class ProcessSampler {
  private readonly samples: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private startCpu = 0;
  private startAt = 0;

  constructor(private readonly pid: number) {}

  start(): void {
    this.startCpu = cpuSecondsOf(this.pid);
    this.startAt = performance.now();
    this.samples.length = 0;
    this.timer = setInterval(() => this.samples.push(memoryOf(this.pid).rssMb), 1000);
  }

  stop(): { steadyRssMb: number; peakRssMb: number; cpuPercent: number; seconds: number } {
    clearInterval(this.timer);
    const seconds = (performance.now() - this.startAt) / 1000;
    const cpuPercent = (100 * (cpuSecondsOf(this.pid) - this.startCpu)) / seconds;
    const sorted = [...this.samples, memoryOf(this.pid).rssMb].sort((a, b) => a - b);
    return { steadyRssMb: sorted[Math.floor(sorted.length / 2)] ?? NaN, peakRssMb: memoryOf(this.pid).peakMb, cpuPercent, seconds };
  }
}
