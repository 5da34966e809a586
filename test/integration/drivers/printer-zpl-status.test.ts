/**
 * ZplPrinter (built by createLabelPrinter from a tcp:// url) against the Zebra simulator over real TCP on 127.0.0.1:
 * the status a real Zebra gives when ~HS goes silent, the label counter, a connection reset mid-job, dpi from ~HI.
 */
import { describe, expect, it, vi } from 'vitest';
import { StationError } from '../../../app/domain';
import type { LogSink } from '../../../app/ports';
import { createLabelPrinter } from '../../../drivers/printers/create-label-printer';
import type { ZplPrinter } from '../../../drivers/printers/zpl-printer';
import { ZplPrinterSimulator } from '../../../drivers/sim/zpl-printer.sim';
import type { ZplPrinterSimulatorOptions } from '../../../drivers/sim/zpl-printer.sim';
import { cleanupAfterEach } from '../../support/cleanup';
import { realClock } from '../../support/real-clock';

const cleanup = cleanupAfterEach();
const STATUS_TIMEOUT_MS = 250;
const label = (n: number): string => `^XA^FO50,50^A0N,40,40^FDParcel ${n}^FS^BCN,100,Y,N,N^FD1Z999AA1012345678${n}^FS^XZ`;

async function rig(simOpts: ZplPrinterSimulatorOptions = {}, dpi: 203 | 300 = 203, log?: LogSink) {
  const sim = new ZplPrinterSimulator(simOpts);
  const { url } = await sim.listen();
  cleanup.push(() => sim.close());
  const printer: ZplPrinter = createLabelPrinter(
    { url, dpi },
    { clock: realClock, ...(log ? { log } : {}), tuning: { statusTimeoutMs: STATUS_TIMEOUT_MS, connectTimeoutMs: 1000 } },
  );
  cleanup.push(() => printer.stop());
  return { sim, printer };
}

const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => null, (e: unknown) => e);

describe('ZplPrinter status over TCP', () => {
  it('a ready printer: ready, no faults, health "Ready"', async () => {
    const { printer } = await rig();
    await printer.start();
    expect(await printer.status()).toEqual({ ready: true, faults: [], labelsWaiting: 0 });
    expect(printer.health()).toMatchObject({ state: 'connected', detail: 'Ready' });
  });

  it.each([
    ['paper_out', 'Paper out: load labels and close the head'],
    ['ribbon_out', 'Ribbon out: load a new ribbon and close the head'],
    ['head_open', 'Print head open: close the head'],
  ] as const)('%s: ~HS is silent, ~HQES names it, the operator reads what to do', async (fault, text) => {
    const { sim, printer } = await rig();
    sim.setFault(fault);
    const started = Date.now();
    expect(await printer.status()).toEqual({ ready: false, faults: [fault] });
    expect(Date.now() - started).toBeLessThan(STATUS_TIMEOUT_MS * 2 + 1000);
    expect(printer.health()).toMatchObject({ state: 'fault', detail: text });

    sim.setFault(null);
    expect(await printer.status()).toMatchObject({ ready: true, faults: [] });
    expect(printer.health().state).toBe('connected');
  });

  it('paused: ~HS answers and says so', async () => {
    const { sim, printer } = await rig();
    sim.setFault('paused');
    expect(await printer.status()).toEqual({ ready: false, faults: ['paused'], labelsWaiting: 0 });
    expect(printer.health().detail).toBe('Printer paused: press PAUSE on the printer to resume');
  });

  it('a printer that answers nothing at all: no_answer, and it comes back', async () => {
    const { sim, printer } = await rig();
    sim.setNoAnswer(true);
    expect(await printer.status()).toEqual({ ready: false, faults: ['no_answer'] });
    expect(printer.health()).toMatchObject({ state: 'fault', detail: expect.stringMatching(/does not answer/) });
    expect(await printer.labelCount()).toBeNull();
    sim.setNoAnswer(false);
    expect(await printer.status()).toMatchObject({ ready: true });
  });
});

describe('ZplPrinter label counter over TCP', () => {
  it('counts printed labels (SGD odometer.total_label_count); held labels count once they print', async () => {
    const { sim, printer } = await rig();
    expect(await printer.labelCount()).toBe(0);
    await printer.print(label(1));
    await printer.print(label(2));
    await vi.waitFor(() => expect(sim.labelCount()).toBe(2), { timeout: 2000 });
    expect(await printer.labelCount()).toBe(2);

    sim.setFault('head_open');
    await printer.print(label(3));
    await vi.waitFor(() => expect(sim.jobs()).toHaveLength(3), { timeout: 2000 });
    expect(await printer.labelCount()).toBe(2);
    sim.setFault(null);
    expect(await printer.labelCount()).toBe(3);
  });

  it('a printer without SGD: labelCount is null; ~HQOD print meters are a length, offered separately', async () => {
    const { sim, printer } = await rig({ sgd: false });
    await printer.print(label(1));
    await vi.waitFor(() => expect(sim.labelCount()).toBe(1), { timeout: 2000 });
    expect(await printer.labelCount()).toBeNull();
    expect(await printer.printMeters()).toEqual({
      totalNonResettable: { value: 6, unit: 'in' },
      userResettable1: { value: 6, unit: 'in' },
      userResettable2: { value: 6, unit: 'in' },
    });
  });
});

describe('ZplPrinter with a ZPL printer that answers ~HS but never SGD', () => {
  /** What the print worker asks around each label: status, counter, the label, then status and counter again. */
  async function printLikeTheWorker(printer: ZplPrinter, n: number): Promise<(number | null)[]> {
    await printer.status();
    const before = await printer.labelCount();
    await printer.print(label(n));
    await printer.status();
    return [before, await printer.labelCount()];
  }

  it('learns "no SGD" once (the start-up probe): later labels never ask again', async () => {
    const { sim, printer } = await rig({ sgd: false });
    await printer.start();
    for (const n of [1, 2, 3]) expect(await printLikeTheWorker(printer, n)).toEqual([null, null]);
    await vi.waitFor(() => expect(sim.labelCount()).toBe(3), { timeout: 2000 });
    expect(sim.timesAsked('SGD')).toBe(1);
    expect(sim.timesAsked('HS')).toBe(7);
  });

  it('without start(): the first label pays one SGD timeout, the later ones none', async () => {
    const { sim, printer } = await rig({ sgd: false });
    await printLikeTheWorker(printer, 1);
    await printLikeTheWorker(printer, 2);
    expect(sim.timesAsked('SGD')).toBe(1);
  });

  it('asks again after losing contact: the printer behind the address may have changed', async () => {
    const { sim, printer } = await rig({ sgd: false });
    await printLikeTheWorker(printer, 1);
    sim.setNoAnswer(true);
    expect(await printer.status()).toEqual({ ready: false, faults: ['no_answer'] });
    // Silent to everything is "printer off", not "no SGD": nothing is learned from it.
    expect(await printer.labelCount()).toBeNull();
    sim.setNoAnswer(false);
    await printLikeTheWorker(printer, 2);
    await printLikeTheWorker(printer, 3);
    expect(sim.timesAsked('SGD')).toBe(3);
  });

  it('a Link-OS Zebra keeps being asked: its counter is what proves an interrupted label came out', async () => {
    const { sim, printer } = await rig();
    await printer.start();
    await vi.waitFor(() => expect(sim.timesAsked('SGD')).toBe(1));
    expect(await printLikeTheWorker(printer, 1)).toEqual([0, expect.any(Number)]);
    expect(sim.timesAsked('SGD')).toBe(3);
  });
});

describe('ZplPrinter when the connection resets in the middle of a job', () => {
  it.each([
    [false, 0],
    [true, 1],
  ] as const)('printed=%s: print rejects NETWORK, and the counter tells whether it came out', async (printed, after) => {
    const { sim, printer } = await rig();
    const before = await printer.labelCount();
    const big = label(1).replace('^XZ', `^FO0,0^GB10,10,1^FS${'^FX padding\n'.repeat(2000)}^XZ`);
    sim.resetNextJob(40, { printed });
    const error = await rejection(printer.print(big));
    expect(error).toBeInstanceOf(StationError);
    expect((error as StationError).code).toBe('NETWORK');
    expect(printer.health().state).toBe('disconnected');

    expect((await printer.labelCount()) ?? -1).toBe((before ?? 0) + after);
    expect(sim.labelCount()).toBe(after);
    // One-shot: the next job goes through, and the printer is healthy again.
    await printer.print(label(2));
    await vi.waitFor(() => expect(sim.labelCount()).toBe(after + 1), { timeout: 2000 });
    expect(await printer.status()).toMatchObject({ ready: true });
  });

  it('status queries before the job do not trigger the planned reset', async () => {
    const { sim, printer } = await rig();
    sim.resetNextJob(2, { printed: false });
    expect(await printer.status()).toMatchObject({ ready: true });
    expect(await printer.labelCount()).toBe(0);
    expect((await rejection(printer.print(label(1)))) as StationError).toMatchObject({ code: 'NETWORK' });
    expect(sim.jobs()).toEqual([]);
  });
});

describe('ZplPrinter learns the dpi from ~HI', () => {
  it('a 300 dpi printer configured as 203: uses 300, says so in health and in the log', async () => {
    const warn = vi.fn();
    const { printer } = await rig({ dpi: 300 }, 203, { info: vi.fn(), warn, error: vi.fn() });
    expect(printer.dpi()).toBe(203);
    await printer.start();
    expect(printer.dpi()).toBe(300);
    expect(printer.health()).toMatchObject({ state: 'connected', detail: 'Ready; printer is 300 dpi (config says 203): using 300' });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ configured: 203, printer: 300 }), expect.stringMatching(/dpi/));
  });

  it('matching dpi: nothing to say', async () => {
    const { printer } = await rig({ dpi: 300 }, 300);
    await printer.start();
    expect(printer.dpi()).toBe(300);
    expect(printer.health().detail).toBe('Ready');
  });
});
