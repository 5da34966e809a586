/**
 * A hub under test in its own process (`station hub --config hub.json`, bundled like the shipped command), so that
 * /proc shows its memory and CPU alone. Started, awaited until it answers HTTP, stopped with SIGTERM as an operator
 * or a service manager would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { HubConfig } from '../../../app/hub/hub-config.schema';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BUNDLE_DIR = join(REPO, 'dist', 'bench-hub');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Bundles the command once per bench run (esbuild, the flags of `npm run build:cli`). */
export async function bundleHubCommand(): Promise<string> {
  await build({
    entryPoints: [fileURLToPath(new URL('./hub-main.ts', import.meta.url))],
    bundle: true, splitting: true, platform: 'node', format: 'esm', packages: 'external', sourcemap: true, logLevel: 'warning',
    outdir: BUNDLE_DIR, outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/[name]-[hash]',
  });
  return join(BUNDLE_DIR, 'hub-main.mjs');
}

export type HubFileConfig = Omit<Partial<HubConfig>, 'listen'> & { hubId: string; dataDir: string; listen: { host: string; port: number } };

export class HubProcess {
  private child: ChildProcess | undefined;
  readonly url: string;
  readonly configPath: string;
  private readonly logPath: string;

  constructor(
    private readonly command: string,
    dir: string,
    readonly config: HubFileConfig,
    /** Extra node options for the hub (e.g. `--cpu-prof`). */
    private readonly nodeArgs: readonly string[] = [],
  ) {
    this.url = `http://${config.listen.host}:${config.listen.port}`;
    this.configPath = join(dir, `${config.hubId}.json`);
    this.logPath = join(dir, `${config.hubId}.log`);
    writeFileSync(this.configPath, JSON.stringify(config, null, 2));
  }

  get pid(): number {
    if (this.child?.pid === undefined || this.child.exitCode !== null) throw new Error(`hub ${this.config.hubId} is not running`);
    return this.child.pid;
  }

  /** Starts the hub and resolves once it answers HTTP (ms it took). */
  async start(timeoutMs = 60_000): Promise<number> {
    const started = performance.now();
    const log = openSync(this.logPath, 'a');
    const child = spawn(process.execPath, [...this.nodeArgs, this.command, 'hub', '--config', this.configPath], { stdio: ['ignore', log, log] });
    closeSync(log);
    this.child = child;
    while (performance.now() - started < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`hub ${this.config.hubId} exited with ${child.exitCode}:\n${this.logTail()}`);
      const answered = await fetch(`${this.url}/api/me`).then(
        () => true,
        () => false,
      );
      if (answered) return performance.now() - started;
      await sleep(50);
    }
    throw new Error(`hub ${this.config.hubId} did not answer within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** SIGTERM, then the time it took to exit (SIGKILL after `graceMs`, reported as such). */
  async stop(graceMs = 20_000): Promise<{ ms: number; killed: boolean }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return { ms: 0, killed: false };
    const started = performance.now();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
    return { ms: performance.now() - started, killed };
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
