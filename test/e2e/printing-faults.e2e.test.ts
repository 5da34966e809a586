/**
 * Printer faults through the real parts: the demo world (Zebra simulator on a TCP socket, Odoo and carrier
 * sandboxes) and a headless station with its durable spooler on a real SQLite file. Each case checks what the
 * machine shows, that the label comes out exactly once, and that the picking is validated.
 */
import { expect, it } from 'vitest';
import type { PackingView } from '../../app/domain';
import { toPackingView } from '../../app/packing/packing.view';
import { startDemoWorld, type DemoWorld } from '../../main/demo/demo.world';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { waitForSnapshot, waitUntil } from '../../main/demo/wait-for';
import { startHeadless, type HeadlessStation } from '../../main/headless/headless.host';
import { silentLog } from '../../main/log';
import { cleanupAfterEach } from '../support/cleanup';
import type { ZplPrinterSimulatorOptions } from '../../drivers/sim/zpl-printer.sim';

const cleanups = cleanupAfterEach();
const STEP_MS = 15_000;
/** Bytes into the label's connection at which the simulator resets it: inside the label, never after it. */
const CUT_AT_BYTES = 200;

async function station(printer: ZplPrinterSimulatorOptions = {}) {
  const world: DemoWorld = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0, printer });
  cleanups.push(world.close);
  const headless: HeadlessStation = await startHeadless(world.config, {
    log: silentLog(),
    printPolicy: { statusPollMs: 100, proofSettleMs: 300, confirmTimeoutMs: 5_000 },
  });
  cleanups.push(headless.stop);
  const [order] = world.odoo.createPickings(1) as DemoOrder[];
  return { world, headless, order: order!, actor: headless.station.actor };
}

type Rig = Awaited<ReturnType<typeof station>>;

const view = (rig: Rig): PackingView => toPackingView(rig.actor.getSnapshot());
const until = (rig: Rig, state: string) =>
  waitForSnapshot(rig.actor, (s) => s.matches(state as never), STEP_MS, `state ${state}`).then(toPackingView);

/** Scans the order and puts its box on the scale: from here on the station buys and prints the label. */
async function packUpToTheLabel(rig: Rig): Promise<void> {
  await rig.world.scanner.scan(rig.order.name);
  await until(rig, 'packing');
  for (const line of rig.order.lines) for (let i = 0; i < line.quantity; i += 1) await rig.world.scanner.scan(line.barcode);
  const weighing = await until(rig, 'weighing');
  rig.world.scale.setWeight(Math.round((weighing.expectedWeightG ?? 500) + 3), { stable: true });
}

async function validated(rig: Rig): Promise<void> {
  await waitUntil(() => rig.world.odoo.picking(rig.order.id).state === 'done', STEP_MS, 'validation in Odoo');
}

it('paper out before the label: shows the instruction, prints by itself once fixed, exactly once', async () => {
  const rig = await station();
  rig.world.printer.setFault('paper_out');
  await packUpToTheLabel(rig);
  const fault = await until(rig, 'printerFault');
  expect(fault.message).toBe('Paper out: load labels and close the head — the label prints by itself when fixed');
  expect(fault.actions).toEqual([]);
  expect(fault.printJob).toMatchObject({ state: 'queued', kind: 'shipping-label' });
  expect(rig.headless.station.status().devices.labelPrinter.state).toBe('fault');
  expect(rig.world.printer.jobs()).toEqual([]);

  rig.world.printer.setFault(null);
  await until(rig, 'done');
  expect(rig.world.printer.jobs()).toHaveLength(1);
  expect(rig.world.printer.labelCount()).toBe(1);
  // No failed attempt: the job waited for the printer instead of being sent into the fault.
  expect(view(rig).printJob).toMatchObject({ state: 'confirmed', attempts: 0 });
  await validated(rig);
  await waitUntil(() => rig.headless.station.status().devices.labelPrinter.state === 'connected', STEP_MS, 'printer healthy again');
});

it('connection reset mid-label, not printed, printer counts labels: resent once by itself', async () => {
  const rig = await station();
  rig.world.printer.resetNextJob(CUT_AT_BYTES, { printed: false });
  await packUpToTheLabel(rig);
  const done = await until(rig, 'done');
  expect(done.printJob).toMatchObject({ state: 'confirmed', attempts: 1 });
  expect(rig.world.printer.labelCount()).toBe(1);
  expect(rig.world.printer.jobs()).toHaveLength(1);
  // No person was asked: the printer's own counter proved the first attempt did not print.
  expect(rig.headless.station.spooler.audit()).toEqual([]);
  await validated(rig);
});

it('connection reset mid-label and no counter: asks "did it print?", the audited "no" prints it again', async () => {
  const rig = await station({ sgd: false });
  rig.world.printer.resetNextJob(CUT_AT_BYTES, { printed: false });
  await packUpToTheLabel(rig);
  const question = await until(rig, 'printUncertain');
  expect(question.message).toBe('Did the label for parcel 1 print? Look at the printer, then answer Yes or No');
  const jobId = question.printJob!.id;
  expect(question.printJob!.state).toBe('uncertain');
  expect(rig.world.printer.labelCount()).toBe(0);

  const refused = await rig.headless.station.core.handle('print:resolve', { jobId: 'nope', printed: false, reason: 'No label came out' });
  expect(refused.accepted).toBe(false);
  const answer = await rig.headless.station.core.handle('print:resolve', { jobId, printed: false, reason: 'No label came out' });
  expect(answer).toEqual({ accepted: true });
  await until(rig, 'done');
  expect(rig.world.printer.labelCount()).toBe(1);
  const { audit, jobs } = await rig.headless.station.core.handle('print:jobs', { limit: 10 });
  expect(jobs.find((j) => j.id === jobId)).toMatchObject({ state: 'confirmed' });
  expect(audit).toEqual([expect.objectContaining({ jobId, action: 'confirm-not-printed', reason: 'No label came out' })]);
  await validated(rig);
});

it('connection reset mid-label and no counter: the audited "yes" carries on without printing again', async () => {
  const rig = await station({ sgd: false });
  // The cut-off label did come out (the printer printed what it had); it must not be printed again.
  rig.world.printer.resetNextJob(CUT_AT_BYTES, { printed: true });
  await packUpToTheLabel(rig);
  const question = await until(rig, 'printUncertain');
  const labelsBefore = rig.world.printer.labelCount();
  expect(labelsBefore).toBe(1);
  const answer = await rig.headless.station.core.handle('print:resolve', {
    jobId: question.printJob!.id,
    printed: true,
    reason: 'Label came out complete',
  });
  expect(answer.accepted).toBe(true);
  await until(rig, 'done');
  await validated(rig);
  expect(rig.world.printer.labelCount()).toBe(labelsBefore);
  expect(rig.headless.station.spooler.audit()).toEqual([expect.objectContaining({ action: 'confirm-printed' })]);
  expect(view(rig).printJob).toMatchObject({ state: 'confirmed' });
});

it('an explicit reprint prints a second label and is audited; a reprint of a job still printing is refused', async () => {
  const rig = await station();
  await packUpToTheLabel(rig);
  const done = await until(rig, 'done');
  const original = done.printJob!.id;
  const reprint = await rig.headless.station.core.handle('print:reprint', { jobId: original, reason: 'Label damaged' });
  expect(reprint.accepted).toBe(true);
  await waitUntil(() => rig.world.printer.labelCount() === 2, STEP_MS, 'the reprint to come out');
  const [first, second] = rig.world.printer.jobs();
  expect(second).toBe(first);
  // The machine follows the reprint, so the screen tells of a fault on it too.
  await waitForSnapshot(rig.actor, (s) => s.context.printJob?.state === 'confirmed' && s.context.printJobId === reprint.jobId, STEP_MS, 'reprint');
  expect(view(rig).printJob).toMatchObject({ id: reprint.jobId, reprintOf: original });
  const { audit } = await rig.headless.station.core.handle('print:jobs', { limit: 10 });
  expect(audit).toEqual([expect.objectContaining({ jobId: reprint.jobId, action: 'reprint', reason: 'Label damaged' })]);

  rig.world.printer.setFault('head_open');
  const held = await rig.headless.station.core.handle('print:reprint', { jobId: original, reason: 'Second copy' });
  expect(held.accepted).toBe(true);
  await waitForSnapshot(rig.actor, (s) => s.context.printJob?.id === held.jobId && s.context.printJob?.detail != null, STEP_MS, 'held reprint');
  const again = await rig.headless.station.core.handle('print:reprint', { jobId: held.jobId!, reason: 'Impatient' });
  expect(again.accepted).toBe(false);
  expect(view(rig)).toMatchObject({ state: 'done', tone: 'warning' });
  expect(view(rig).message).toContain('Reprint waiting: Print head open: close the head');
  rig.world.printer.setFault(null);
  await waitUntil(() => rig.world.printer.labelCount() === 3, STEP_MS, 'the held reprint to come out');
});
