/**
 * A print spooler on a real SQLite file, talking to the Zebra simulator through real TCP sockets on 127.0.0.1 with
 * the real printer driver. Waits are bounded; time is wall-clock (the simulator and the sockets live in it).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { PrintJob, PrintJobState } from '../../../app/domain';
import type { LabelPrinter } from '../../../app/ports';
import { ZplPrinterSimulator } from '../../../drivers/sim/zpl-printer.sim';
import { ZplTcpPrinter } from '../../../drivers/printers/zpl-tcp-printer';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import type { StationDb } from '../../../sync/db/station-db';
import { StationPrintSpooler } from '../../../sync/print/print-spooler';
import { freePort } from '../../support/free-port';
import { realClock } from '../../support/real-clock';
import { POLICY, STATUS_TIMEOUT_MS } from './print-constants';

export { POLICY, STATUS_TIMEOUT_MS, labelRequest, zpl } from './print-constants';

export const WAIT_MS = 8_000;

export function tempDbFile(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'station-print-it-'));
  return { file: join(dir, 'station.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tcpPrinter(port: number): ZplTcpPrinter {
  return new ZplTcpPrinter(
    { url: `tcp://127.0.0.1:${port}`, dpi: 203, statusTimeoutMs: STATUS_TIMEOUT_MS, connectTimeoutMs: 1_000, learnDpi: false },
    { clock: realClock },
  );
}

/** A real printer with some answers replaced, to stage what the wire cannot (a status source that lies). */
export class DelegatingPrinter implements LabelPrinter {
  constructor(private readonly inner: LabelPrinter) {}
  start = (): Promise<void> => this.inner.start();
  stop = (): Promise<void> => this.inner.stop();
  status: LabelPrinter['status'] = () => this.inner.status();
  print: LabelPrinter['print'] = (data) => this.inner.print(data);
  dpi: LabelPrinter['dpi'] = () => this.inner.dpi();
  health: LabelPrinter['health'] = () => this.inner.health();
  onHealth: LabelPrinter['onHealth'] = (listener) => this.inner.onHealth(listener);
  labelCount: LabelPrinter['labelCount'] = () => this.inner.labelCount();
}

export interface Rig {
  sim: ZplPrinterSimulator;
  port: number;
  db: StationDb;
  file: string;
  printer: LabelPrinter;
  spooler: StationPrintSpooler;
  events: PrintJob[];
}

export async function startSpooler(db: StationDb, printer: LabelPrinter, events: PrintJob[] = []): Promise<StationPrintSpooler> {
  const spooler = new StationPrintSpooler({ db, clock: realClock, ids: { next: () => randomUUID() }, printers: { label: printer }, policy: POLICY });
  spooler.onJob((job) => events.push(job));
  await spooler.start();
  return spooler;
}

export interface RigOptions {
  /** `false` stages older firmware without SGD: the printer stays silent when asked for its label count. */
  counter?: boolean;
  /** `false`: nothing listens on the port yet (a printer that is off); `rig.sim.listen(rig.port)` switches it on. */
  listening?: boolean;
  /** Puts something between the spooler and the real driver, to stage what the wire cannot. */
  wrap?: (driver: ZplTcpPrinter) => LabelPrinter;
}

/** Opens everything; `cleanup` (push it to cleanupAfterEach) closes it again in reverse order. */
export async function openRig(opts: RigOptions = {}): Promise<{ rig: Rig; cleanup: () => Promise<void> }> {
  const tmp = tempDbFile();
  const file = tmp.file;
  const sim = new ZplPrinterSimulator({ dpi: 203, sgd: opts.counter !== false });
  const port = opts.listening === false ? await freePort() : (await sim.listen()).port;
  const driver = tcpPrinter(port);
  const printer = opts.wrap ? opts.wrap(driver) : driver;
  const db = openStationDb(file);
  const events: PrintJob[] = [];
  const spooler = await startSpooler(db, printer, events);
  const rig: Rig = { sim, port, db, file, printer, spooler, events };
  return {
    rig,
    cleanup: async () => {
      await rig.spooler.stop();
      await rig.printer.stop();
      await sim.close();
      closeStationDb(db);
      tmp.cleanup();
    },
  };
}

/** The job once `match` holds; fails after WAIT_MS with the job as it was. */
export async function jobWhere(spooler: StationPrintSpooler, id: string, match: (job: PrintJob) => boolean, timeoutMs = WAIT_MS): Promise<PrintJob> {
  return vi.waitFor(
    () => {
      const job = spooler.job(id);
      if (job === null || !match(job)) throw new Error(`job ${id} not there yet: ${JSON.stringify(job)}`);
      return job;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}

export const jobIn = (spooler: StationPrintSpooler, id: string, state: PrintJobState, timeoutMs = WAIT_MS): Promise<PrintJob> =>
  jobWhere(spooler, id, (job) => job.state === state, timeoutMs);

/** Lets the spooler poll a few more times, to show that nothing else happens (no late duplicate). */
export const quietPeriod = (ms = 6 * POLICY.statusPollMs): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const statesOf = (events: PrintJob[], id: string): PrintJobState[] =>
  events.filter((e) => e.id === id).map((e) => e.state).filter((s, i, all) => i === 0 || all[i - 1] !== s);
