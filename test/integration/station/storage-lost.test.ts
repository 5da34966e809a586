/**
 * The station database deleted or replaced under a running station: found within the check interval, reported in
 * the status and the log, scans refused, sync and spooler stopped, and the old file no longer open for writing.
 */
import { linkSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { StationStatusSchema } from '../../../app/domain';
import { startDemoWorld } from '../../../main/demo/demo.world';
import { startHeadless } from '../../../main/headless/headless.host';
import { createLog } from '../../../main/log';
import { DB_IDENTITY_CHECK_MS } from '../../../sync/db/station-db';
import { cleanupAfterEach } from '../../support/cleanup';
import { launchChromium } from '../../support/chromium';

const cleanups = cleanupAfterEach();

async function runningStation() {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-storage-'));
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0, dataDir });
  cleanups.push(world.close);
  const lines: { level: number; msg: string; code?: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
      done();
    },
  });
  const headless = await startHeadless(world.config, { log: createLog({ level: 'info', destination: sink }) });
  cleanups.push(headless.stop);
  return { world, headless, lines, dbFile: join(dataDir, 'station.db') };
}

async function expectStorageLost(station: Awaited<ReturnType<typeof runningStation>>, reason: string) {
  const { headless, lines, dbFile } = station;
  const lostAt = Date.now();
  await expect.poll(() => headless.station.status().storage?.ok, { timeout: DB_IDENTITY_CHECK_MS + 2_000, interval: 50 }).toBe(false);
  expect(Date.now() - lostAt).toBeLessThan(DB_IDENTITY_CHECK_MS + 1_500);

  const status = StationStatusSchema.parse(await (await fetch(`${headless.url}/api/status`)).json());
  expect(status.storage).toEqual({ ok: false, error: expect.stringContaining(`station database ${dbFile} ${reason}`) });
  expect(lines.find((l) => l.level === 50 && l.msg.startsWith('station database lost'))).toMatchObject({ code: 'CONFIG' });

  // No more work: a scan is refused, and the lost file (kept reachable through a hard link) and its WAL stay as they
  // were while the station goes on running and being asked for its status.
  const written = () => [statSync(`${dbFile}.kept`), statSync(`${dbFile}-wal`)].map((s) => `${s.size}@${s.mtimeMs}`);
  const before = written();
  expect(await headless.station.core.handle('packing:scan', { code: 'WH/OUT/00001' })).toMatchObject({ accepted: false });
  await station.world.scanner.scan('WH/OUT/00002');
  await new Promise((resolve) => setTimeout(resolve, DB_IDENTITY_CHECK_MS));
  expect(headless.station.status().storage?.ok).toBe(false);
  expect(written()).toEqual(before);
  expect(headless.station.actor.getSnapshot().value).toBe('idle');
}

/** A second name for the database file, so the test can watch the inode the station had open after it is gone. */
const keep = (dbFile: string) => linkSync(dbFile, `${dbFile}.kept`);

it('a deleted database is detected within the check interval and the station stops taking work', async () => {
  const station = await runningStation();
  expect(station.headless.station.status().storage).toEqual({ ok: true, error: null });
  keep(station.dbFile);
  rmSync(station.dbFile);
  await expectStorageLost(station, 'was deleted');

  // The packer sees it on the screen, not only the supervisor in the status.
  const chromium = await launchChromium();
  cleanups.push(chromium.close);
  await chromium.page.goto(station.headless.openUrl);
  await expect.poll(() => chromium.page.getByTestId('storage-banner').textContent(), { timeout: 5_000 }).toMatch(/station database is lost .*takes no more work/);
}, 30_000);

it('a database replaced by another file is detected the same way', async () => {
  const station = await runningStation();
  keep(station.dbFile);
  writeFileSync(`${station.dbFile}.other`, 'a restored copy, say');
  renameSync(`${station.dbFile}.other`, station.dbFile);
  await expectStorageLost(station, 'was replaced by another file');
}, 30_000);
