/**
 * `station hub` as real child processes on a hub data dir (embedded PGlite): tokens issued, rotated and revoked
 * straight on the store with the hub stopped, a fleet user added, then the hub itself started and answering.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubStore } from '../../../sync/hub/store/hub-store';
import { runStation } from '../../support/station-cli';

let dir: string;
let config: string;
// One data dir for the file: a fresh embedded database takes seconds to create.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
  config = join(dir, 'hub.json');
  writeFileSync(config, JSON.stringify({ hubId: 'hub-cli', dataDir: 'data', listen: { port: 0 } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hubCli = (args: string[], env: NodeJS.ProcessEnv = {}) => runStation(['hub', ...args, '--config', config], { ...process.env, USER: 'ops', ...env });

async function onStore<T>(run: (store: Awaited<ReturnType<typeof openHubStore>>) => Promise<T>): Promise<T> {
  const store = await openHubStore({ dataDir: join(dir, 'data') });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

describe('station hub (child process)', () => {
  it('token issue prints the plain token once; rotate replaces it; revoke refuses it; each audited', async () => {
    const issued = await hubCli(['token', 'issue', 'st-7']);
    expect(issued.stderr).toBe('');
    expect(issued.code).toBe(0);
    const token = issued.stdout.trim();
    expect(token.length).toBeGreaterThanOrEqual(20);
    expect(await onStore((s) => s.tokens.verify('st-7', token))).toBe('ok');

    const rotated = await hubCli(['token', 'rotate', 'st-7']);
    const fresh = rotated.stdout.trim();
    expect(fresh).not.toBe(token);
    expect(await onStore(async (s) => [await s.tokens.verify('st-7', fresh), await s.tokens.verify('st-7', token)])).toEqual(['ok', 'TOKEN_INVALID']);

    const revoked = await hubCli(['token', 'revoke', 'st-7']);
    expect(revoked.stdout).toContain('station st-7 revoked');
    const [verdict, audit] = await onStore(async (s) => [await s.tokens.verify('st-7', fresh), await s.audit.list(10, 'st-7')] as const);
    expect(verdict).toBe('TOKEN_REVOKED');
    expect(audit.map((e) => [e.username, e.action, e.outcome])).toEqual([
      ['cli:ops', 'token:revoke', 'ok'],
      ['cli:ops', 'token:rotate', 'ok'],
      ['cli:ops', 'token:issue', 'ok'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(fresh);
  }, 60_000);

  it('user add takes the password from the environment (a bad role refused); the hub then runs and prints its address', async () => {
    expect((await hubCli(['user', 'add', 'sam', '--role', 'boss'], { STATION_HUB_PASSWORD: 'long-enough' })).stderr).toContain('--role viewer|supervisor|admin');
    const added = await hubCli(['user', 'add', 'sam', '--role', 'supervisor'], { STATION_HUB_PASSWORD: 'long-enough' });
    expect(added.stdout).toBe('user sam (supervisor) saved\n');

    const child = spawn(process.execPath, ['main/cli/station.mjs', 'hub', '--config', config], {
      cwd: join(import.meta.dirname, '..', '..', '..'),
      env: { ...process.env, STATION_HUB_ADMIN_PASSWORD: 'first-admin-pass', STATION_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const match = /Hub hub-cli running\. Fleet view: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${out}`)));
      });
      expect((await fetch(`${url}/api/me`)).status).toBe(401);
      const login = (username: string, password: string) =>
        fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      expect(await (await login('sam', 'long-enough')).json()).toEqual({ username: 'sam', role: 'supervisor' });
      // The hub had a user already: STATION_HUB_ADMIN_PASSWORD makes no admin.
      expect((await login('admin', 'first-admin-pass')).status).toBe(401);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 60_000);
});
