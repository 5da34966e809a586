import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { StationError } from '../../../app/domain/errors';

/**
 * One process per embedded database: PGlite has no locking of its own, and a second process (a second hub, or
 * `station hub token issue` while the hub runs) writing the same files would corrupt them. The lock is a file holding
 * the owner's pid, created exclusively; one left by a process that is gone is taken over.
 */
export function lockDataDir(lockFile: string, what: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readText(lockFile), 10);
      if (Number.isInteger(owner) && alive(owner)) {
        throw new StationError('CONFIG', `${what} is in use by process ${owner} (a running hub?): stop it, or use the fleet view's admin page`);
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new StationError('CONFIG', `${what} could not be locked (${lockFile})`);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
