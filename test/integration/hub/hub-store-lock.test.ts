import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openHubStore } from '../../../sync/hub/store/hub-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-lock-'));
  dirs.push(dir);
  return dir;
};

it('an embedded hub database is opened by one owner at a time; closing it lets the next one in', async () => {
  const dataDir = tempDir();
  const first = await openHubStore({ dataDir });
  await expect(openHubStore({ dataDir })).rejects.toThrow(/is in use by process \d+/);
  await first.tokens.issue('bench-1', Date.now());
  await first.close();
  const second = await openHubStore({ dataDir });
  expect((await second.tokens.list()).map((t) => t.stationId)).toEqual(['bench-1']);
  await second.close();
}, 60_000);

it('a lock left by a process that is gone is taken over', async () => {
  const dataDir = tempDir();
  // Far above any pid this machine hands out (pid_max is at most 4,194,304).
  writeFileSync(join(dataDir, 'pg.lock'), '99999999');
  const store = await openHubStore({ dataDir });
  expect(await store.users.count()).toBe(0);
  await store.close();
}, 60_000);
