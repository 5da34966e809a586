/**
 * The real `station run` as a child process, and its JSON endpoints: for tests that kill -9 the agent and start it
 * again on the same database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PackingViewSchema, StationStatusSchema } from '../../app/domain';
import type { PackingView, StationStatus } from '../../app/domain';

export interface AgentProcess {
  child: ChildProcess;
  /** The UI origin (the bridge token is kept aside for the JSON endpoints). */
  url: string;
}

const ROOT = join(import.meta.dirname, '..', '..');
/** Bridge tokens by UI origin: `/api/view` names a customer, so it wants the token the agent printed. */
const tokens = new Map<string, string>();

/** Spawns the agent; `children` collects it so the test's afterEach can SIGKILL whatever is left. */
export function startAgent(configFile: string, children: ChildProcess[], env: NodeJS.ProcessEnv = {}): Promise<AgentProcess> {
  const child = spawn(process.execPath, ['main/cli/station.mjs', 'run', '--config', configFile], {
    cwd: ROOT,
    env: { ...process.env, STATION_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agent did not start: ${stderr}`)), 20_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /UI: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        // The printed link carries the bridge token in its fragment; the JSON endpoints hang off the origin.
        const link = new URL(m[1]!);
        tokens.set(link.origin, new URLSearchParams(link.hash.slice(1)).get('token') ?? '');
        resolve({ child, url: link.origin });
      }
    });
    child.once('exit', (code) => reject(new Error(`agent exited ${code}: ${stderr}`)));
  });
}

export async function killAgent(agent: AgentProcess): Promise<void> {
  const exited = new Promise((resolve) => agent.child.once('exit', resolve));
  agent.child.kill('SIGKILL');
  await exited;
}

const getJson = async (url: string) =>
  (await fetch(url, { headers: { Authorization: `Bearer ${tokens.get(new URL(url).origin) ?? ''}` } })).json() as Promise<unknown>;
export const agentView = async (base: string): Promise<PackingView> => PackingViewSchema.parse(await getJson(`${base}/api/view`));
export const agentStatus = async (base: string): Promise<StationStatus> => StationStatusSchema.parse(await getJson(`${base}/api/status`));

/** Polls `probe` until `ok`, bounded in time; the error quotes the last value. */
export async function pollUntil<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
