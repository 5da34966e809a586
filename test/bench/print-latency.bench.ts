/**
 * Printing latency through the real parts on loopback: the ZPL printer driver (raw TCP 9100) against the Zebra-like
 * simulator, and the durable spooler (SQLite row before the first byte, `~HS` + label counter before and after), to a
 * Link-OS Zebra and to a ZPL emulation that never answers SGD.
 *
 * "Bytes available → last byte on the printer socket" is stamped by the simulator when the complete label arrived,
 * so it covers connect, write and the printer side's read. Everything runs in one process: an upper bound.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLabelPrinter } from '../../drivers/printers/create-label-printer';
import { ZplPrinterSimulator } from '../../drivers/sim/zpl-printer.sim';
import type { ZplPrinterSimulatorOptions } from '../../drivers/sim/zpl-printer.sim';
import { buildCarrierLabelZpl } from '../../sync/sim/carrier/carrier-label.sim';
import { closeStationDb, openStationDb } from '../../sync/db/station-db';
import { StationPrintSpooler } from '../../sync/print/print-spooler';
import { randomIds, systemClock } from '../../main/system-clock';

export interface PrintLatency {
  /** print(zpl) called → complete label received by the printer (driver only). */
  direct: number[];
  /** spooler.submit() → complete label received by the printer (queue row, status, counter, send). */
  spooled: number[];
  /**
   * The same through the spooler to a ZPL printer that answers `~HS` but is silent to SGD (a ZPL emulation): the
   * driver learns that once, so labels must not wait for the counter's status timeout.
   */
  spooledSgdSilent: number[];
  /** status() round trip (`~HS`, three strings). */
  status: number[];
}

const address = { name: 'Ada Packer', street1: '1 Dock Road', city: 'Springfield', state: 'IL', zip: '62701', country: 'US' };
const label = (i: number) =>
  buildCarrierLabelZpl({
    carrier: 'USPS',
    service: 'GroundAdvantage',
    trackingCode: `9400100000000000${String(i).padStart(6, '0')}`,
    from: address,
    to: { ...address, name: 'Customer' },
    weightOz: 32,
    reference: `WH/OUT/${i}`,
    shipmentId: `shp_${i}`,
    date: '2026-11-27',
  });

/** A started driver against a fresh simulator, with the time each complete label arrived there. */
async function rig(simOpts: ZplPrinterSimulatorOptions) {
  const sim = new ZplPrinterSimulator({ dpi: 203, ...simOpts });
  const { url } = await sim.listen(0);
  const printer = createLabelPrinter({ url, dpi: 203 }, { clock: systemClock });
  await printer.start();
  const arrived: number[] = [];
  sim.onJob(() => arrived.push(performance.now()));
  const waitFor = async (count: number) => {
    const deadline = performance.now() + 5000;
    while (arrived.length < count && performance.now() < deadline) await new Promise((r) => setImmediate(r));
    return arrived[count - 1];
  };
  const close = async () => {
    await printer.stop();
    await sim.close();
  };
  return { printer, arrived, waitFor, close };
}

type Rig = Awaited<ReturnType<typeof rig>>;

async function measureSpooled(jobs: number, { printer, arrived, waitFor }: Rig): Promise<number[]> {
  const out: number[] = [];
  const db = openStationDb(join(mkdtempSync(join(tmpdir(), 'bench-print-')), 'station.db'));
  const spooler = new StationPrintSpooler({ db, clock: systemClock, ids: randomIds, printers: { label: printer } });
  await spooler.start();
  try {
    for (let i = 0; i < jobs; i += 1) {
      const before = arrived.length;
      const t0 = performance.now();
      spooler.submit({ kind: 'shipping-label', target: 'label', pickingId: i, parcelIndex: 1, data: label(i) });
      const at = await waitFor(before + 1);
      if (at !== undefined) out.push(at - t0);
      // Let the spooler finish its after-job check before the next submit, as a packer's next parcel would.
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await spooler.stop();
    closeStationDb(db);
  }
  return out;
}

export async function measurePrinting(jobs: number): Promise<PrintLatency & { labelBytes: number }> {
  const zebra = await rig({});
  const result: PrintLatency = { direct: [], spooled: [], spooledSgdSilent: [], status: [] };
  try {
    for (let i = 0; i < jobs; i += 1) {
      const t0 = performance.now();
      await zebra.printer.status();
      result.status.push(performance.now() - t0);
    }
    for (let i = 0; i < jobs; i += 1) {
      const t0 = performance.now();
      await zebra.printer.print(label(i));
      const at = await zebra.waitFor(i + 1);
      if (at !== undefined) result.direct.push(at - t0);
    }
    result.spooled = await measureSpooled(jobs, zebra);
  } finally {
    await zebra.close();
  }
  const emulation = await rig({ sgd: false });
  try {
    // A station's printer started long before the first parcel: let start()'s one SGD probe finish first.
    await emulation.printer.labelCount();
    result.spooledSgdSilent = await measureSpooled(jobs, emulation);
  } finally {
    await emulation.close();
  }
  return { ...result, labelBytes: Buffer.byteLength(label(0)) };
}
