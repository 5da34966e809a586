import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust auth. */
  url: string;
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? null : join(root, majors[0], 'bin');
}

/**
 * A throwaway PostgreSQL server on 127.0.0.1: a temp cluster (initdb, trust auth), a free port, its socket in the
 * temp dir. PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user, which owns the dir.
 */
export async function startPostgresServer(timeoutMs = 30_000): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (bin === null) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const ids = await run('id', ['-u', 'postgres']).then(async (uid) => [Number(uid.stdout), Number((await run('id', ['-g', 'postgres'])).stdout)] as const);
    chownSync(dir, ids[0], ids[1]);
  }
  const command = (tool: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args]);
  const exec = (tool: string, args: string[], ms: number) => {
    const [file, argv] = command(tool, args);
    return run(file, argv, { timeout: ms });
  };
  const port = await freePort();
  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'], timeoutMs);
    // fsync off: a test cluster is thrown away, and durability across power loss is not what these tests prove.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
    await exec('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', String(Math.ceil(timeoutMs / 1000)), 'start'], timeoutMs + 5000);
  } catch (error) {
    const detail = existsSync(log) ? readFileSync(log, 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${detail}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], 30_000).catch(() => killPostmaster(data));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** pg_ctl failed to stop it: the first line of postmaster.pid is the server's pid. */
function killPostmaster(data: string): void {
  const pidFile = join(data, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0) spawn('kill', ['-9', String(pid)]);
}
