import { readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';

/** What this process's file descriptors point at (`/proc/self/fd`): paths, `socket:[inode]`, `… (deleted)`. */
export function openFdTargets(): string[] {
  const targets: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      targets.push(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // The fd of the directory listing itself is gone by now.
    }
  }
  return targets;
}

/** Open fds on `path` or, for a symlink such as a socat PTY link, on the device it points to. */
export function fdsOn(path: string): string[] {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // A deleted file: match its old path.
  }
  return openFdTargets().filter((t) => t === path || t === real || t.startsWith(`${path} (deleted)`) || t.startsWith(`${real} (deleted)`));
}

/** ESTABLISHED TCP connections (IPv4, this network namespace) whose remote end is 127.0.0.1:`port`. */
export function establishedTo(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === `0100007F:${hexPort}` && cols[3] === '01').length;
}
