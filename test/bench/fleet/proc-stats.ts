import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/** User + system CPU time the process has used, in seconds. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, i.e. 11 and 12 after the state field.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
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
