/**
 * A start that fails after the devices were opened (here: the UI port is taken) must release every device and the
 * database, and `station run` must exit non-zero instead of hanging on the handles it left open.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SerialPort } from 'serialport';
import { expect, it } from 'vitest';
import { startDemoWorld } from '../../../main/demo/demo.world';
import { startHeadless } from '../../../main/headless/headless.host';
import { createStation } from '../../../main/bootstrap';
import { silentLog } from '../../../main/log';
import { cleanupAfterEach } from '../../support/cleanup';
import { establishedTo, fdsOn } from '../../support/open-handles';
import { createPtyPair } from '../../support/socat';

const cleanups = cleanupAfterEach();
const ROOT = join(import.meta.dirname, '..', '..', '..');

async function takenPort(): Promise<number> {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  return (blocker.address() as AddressInfo).port;
}

async function worldOnPtys(uiPort: number) {
  const dir = mkdtempSync(join(tmpdir(), 'station-start-failure-'));
  const scalePty = await createPtyPair(join(dir, 'scale'));
  const scannerPty = await createPtyPair(join(dir, 'scanner'));
  cleanups.push(() => scannerPty.close(), () => scalePty.close());
  const world = await startDemoWorld({
    odooVersion: 17,
    scaleProtocol: 'mt-sics',
    uiPort,
    dataDir: join(dir, 'data'),
    serial: { scalePath: scalePty.a, scaleSimPath: scalePty.b, scannerPath: scannerPty.a, scannerSimPath: scannerPty.b },
  });
  cleanups.push(world.close);
  return { world, scalePty, scannerPty, dbFile: join(dir, 'data', 'station.db') };
}

it('a taken UI port fails the start with a clear error and releases ports, printer socket and database', async () => {
  const port = await takenPort();
  const { world, scalePty, scannerPty, dbFile } = await worldOnPtys(port);
  const printerPort = Number(new URL(world.config.labelPrinter.url).port);

  await expect(startHeadless(world.config, { log: silentLog() })).rejects.toThrow(
    new RegExp(`station UI cannot listen on 127\\.0\\.0\\.1:${port}: port ${port} is already in use`),
  );

  // Nothing of the station is left open in this process: no fd on the PTYs or the database, no printer connection.
  expect(fdsOn(scalePty.a)).toEqual([]);
  expect(fdsOn(scannerPty.a)).toEqual([]);
  expect(fdsOn(dbFile)).toEqual([]);
  expect(fdsOn(`${dbFile}-wal`)).toEqual([]);
  await expect.poll(() => establishedTo(printerPort)).toBe(0);

  // And the proof by use: the scale port opens with an exclusive lock, the database takes an exclusive lock.
  const scale = new SerialPort({ path: scalePty.a, baudRate: 9600, lock: true, autoOpen: false });
  await new Promise<void>((resolve, reject) => scale.open((err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve) => scale.close(() => resolve()));
  const db = new Database(dbFile, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
  } finally {
    db.close();
  }
}, 30_000);

it('a non-loopback ui.host is refused before any device is opened', async () => {
  const { world, scalePty, dbFile } = await worldOnPtys(0);
  const config = { ...world.config, ui: { ...world.config.ui, host: '0.0.0.0' } };
  await expect(startHeadless(config, { log: silentLog() })).rejects.toThrow(/ui\.host 0\.0\.0\.0 is not a loopback address/);
  expect(fdsOn(scalePty.a)).toEqual([]);
  expect(fdsOn(dbFile)).toEqual([]);
}, 30_000);

it('a constructor refusing the config after the database was opened closes the database again', async () => {
  const { world, dbFile } = await worldOnPtys(0);
  // A plain-http Odoo on a non-loopback host passes no URL policy: the gateway's constructor throws.
  const config = { ...world.config, odoo: { ...world.config.odoo, url: 'http://erp.example.com' } };
  expect(() => createStation(config, { log: silentLog() })).toThrow(/https/);
  expect(fdsOn(dbFile)).toEqual([]);
}, 30_000);

it('`station run` on a taken UI port exits non-zero with the reason, instead of hanging', async () => {
  const port = await takenPort();
  const { world } = await worldOnPtys(0);
  const configFile = join(mkdtempSync(join(tmpdir(), 'station-run-')), 'station.json');
  writeFileSync(configFile, JSON.stringify({ ...world.config, ui: { host: '127.0.0.1', port } }));

  const child = spawn(process.execPath, ['main/cli/station.mjs', 'run', '--config', configFile], {
    cwd: ROOT,
    env: { ...process.env, STATION_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => void child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  expect(code).toBe(1);
  expect(stderr).toContain(`station: [CONFIG] station UI cannot listen on 127.0.0.1:${port}: port ${port} is already in use`);
}, 30_000);
