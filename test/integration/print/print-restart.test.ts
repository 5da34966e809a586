/**
 * The print queue across a restart: a station process is killed with labels queued and one in flight; a new spooler
 * on the same database file prints each queued label once and settles the in-flight one by the printer's counter.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZplPrinterSimulator } from '../../../drivers/sim/zpl-printer.sim';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import type { StationDb } from '../../../sync/db/station-db';
import { cleanupAfterEach } from '../../support/cleanup';
import { WAIT_MS, jobIn, quietPeriod, startSpooler, tcpPrinter, tempDbFile, zpl } from './print-rig';

const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CHILD = join(__dirname, 'spooler-child.ts');

/** Rows as a killed process left them (read straight from the file, not through the spooler). */
const rows = (db: StationDb): { id: string; state: string; data: string }[] =>
  db.prepare(`SELECT id, state, data FROM print_jobs ORDER BY created_at, rowid`).all() as { id: string; state: string; data: string }[];

/** Writes a job row the way a process killed at that point would have left it. */
function leaveRow(db: StationDb, id: string, n: number, state: 'queued' | 'sending' | 'sent', labelCountBefore: number | null): void {
  const at = Date.now() + n;
  db.prepare(
    `INSERT INTO print_jobs (id, kind, target, picking_id, parcel_index, data, state, attempts, label_count_before, bytes_out,
       created_at, updated_at, sent_at)
     VALUES (?, 'shipping-label', 'label', 12, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
  ).run(id, n, zpl(n), state, labelCountBefore, state === 'sent' ? 1 : 0, at, at, state === 'sent' ? at : null);
}

describe('print queue restart (real TCP, Zebra simulator, SQLite file)', () => {
  const cleanup = cleanupAfterEach();

  async function simulator(sgd = true): Promise<{ sim: ZplPrinterSimulator; port: number; url: string }> {
    const sim = new ZplPrinterSimulator({ dpi: 203, sgd });
    const { port, url } = await sim.listen();
    cleanup.push(() => sim.close());
    return { sim, port, url };
  }

  function database(): { file: string } {
    const tmp = tempDbFile();
    cleanup.push(() => tmp.cleanup());
    return { file: tmp.file };
  }

  it('a process killed with one label in flight and two queued: each label comes out exactly once', async () => {
    const { sim, port, url } = await simulator();
    const { file } = database();
    openStationDb(file).close(); // migrated before the child starts, so the kill cannot land in a migration

    let child: ChildProcess | null = null;
    const exited = new Promise<NodeJS.Signals | null>((resolve, reject) => {
      // The kill comes the moment the printer has the first label. The printer also stops answering then, so on a
      // loaded machine the child cannot confirm the label (or start the next) before the signal lands.
      const off = sim.onJob(() => {
        off();
        sim.setNoAnswer(true);
        child?.kill('SIGKILL');
      });
      child = spawn(TSX, [CHILD, file, url, '3'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code, signal) => (signal === null ? reject(new Error(`child exited ${code}: ${stderr}`)) : resolve(signal)));
      const timer = setTimeout(() => child?.kill('SIGKILL'), 20_000);
      child.once('exit', () => clearTimeout(timer));
    });
    cleanup.push(() => {
      if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    expect(sim.jobs()).toEqual([zpl(1)]);
    sim.setNoAnswer(false);

    const db = openStationDb(file);
    cleanup.push(() => closeStationDb(db));
    const left = rows(db);
    expect(left).toHaveLength(3);
    // Bytes were out when the process died: the row says so, never 'queued'.
    expect(['sending', 'sent']).toContain(left[0]?.state);
    expect(left.slice(1).map((r) => r.state)).toEqual(['queued', 'queued']);

    const printer = tcpPrinter(port);
    cleanup.push(() => printer.stop());
    const spooler = await startSpooler(db, printer);
    cleanup.push(() => spooler.stop());
    for (const row of left) await jobIn(spooler, row.id, 'confirmed', WAIT_MS);
    await quietPeriod();
    expect(spooler.job(left[0]?.id ?? '')?.attempts).toBe(0);
    expect(sim.jobs()).toEqual([zpl(1), zpl(2), zpl(3)]);
    expect(sim.labelCount()).toBe(3);
  });

  it('a "sending" row whose label never reached the printer is resent once, on the counter\'s proof', async () => {
    const { sim, port } = await simulator();
    const { file } = database();
    const db = openStationDb(file);
    cleanup.push(() => closeStationDb(db));
    leaveRow(db, 'in-flight', 1, 'sending', sim.labelCount());
    leaveRow(db, 'next', 2, 'queued', null);

    const printer = tcpPrinter(port);
    cleanup.push(() => printer.stop());
    const spooler = await startSpooler(db, printer);
    cleanup.push(() => spooler.stop());
    expect((await jobIn(spooler, 'in-flight', 'confirmed')).attempts).toBe(1);
    await jobIn(spooler, 'next', 'confirmed');
    await quietPeriod();
    expect(sim.jobs()).toEqual([zpl(1), zpl(2)]);
  });

  it('a "sent" row is confirmed by the counter, not resent', async () => {
    const { sim, port } = await simulator();
    const { file } = database();
    const db = openStationDb(file);
    cleanup.push(() => closeStationDb(db));
    const printer = tcpPrinter(port);
    cleanup.push(() => printer.stop());
    // The killed process got the label out and marked it sent; it died before asking the printer afterwards.
    leaveRow(db, 'sent-one', 1, 'sent', sim.labelCount());
    await printer.print(zpl(1));

    const spooler = await startSpooler(db, printer);
    cleanup.push(() => spooler.stop());
    await jobIn(spooler, 'sent-one', 'confirmed');
    await quietPeriod();
    expect(sim.jobs()).toEqual([zpl(1)]);
  });

  it('a "sending" row on a printer that cannot count goes to the operator, and the queue behind it still prints', async () => {
    const { sim, port } = await simulator(false);
    const { file } = database();
    const db = openStationDb(file);
    cleanup.push(() => closeStationDb(db));
    leaveRow(db, 'in-flight', 1, 'sending', null);
    leaveRow(db, 'next', 2, 'queued', null);

    const printer = tcpPrinter(port);
    cleanup.push(() => printer.stop());
    const spooler = await startSpooler(db, printer);
    cleanup.push(() => spooler.stop());
    await jobIn(spooler, 'in-flight', 'uncertain');
    await jobIn(spooler, 'next', 'confirmed');
    await quietPeriod();
    expect(spooler.job('in-flight')?.state).toBe('uncertain');
    expect(sim.jobs()).toEqual([zpl(2)]);
  });
});
