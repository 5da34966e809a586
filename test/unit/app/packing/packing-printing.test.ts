/**
 * Printing through the spooler: the machine submits the label, then follows its job's reports. Faults hold the job
 * and clear by themselves, "did it print?" waits for a person's answer, a job the spooler gave up on offers retry.
 */
import { describe, expect, it } from 'vitest';
import { PackingViewSchema } from '../../../../app/domain';
import { MUG, TEA, labelJob, picking, startStation } from './packing.fixtures';

const PAPER_OUT = 'Paper out: load labels and close the head';

/** Scan everything, weigh it; the label is submitted and the machine waits for its job. */
async function waitingForLabel(station: ReturnType<typeof startStation>) {
  await station.open();
  station.scan(MUG, MUG, TEA);
  station.send({ type: 'WEIGHT.STABLE', grams: 900 });
  await station.until('printing.waiting');
}

describe('packing machine: printer fault before the label prints', () => {
  it('shows the instruction, offers no button, and carries on by itself when the job moves', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'queued', { detail: PAPER_OUT, heldBy: ['paper_out'] });
    expect(station.view()).toMatchObject({
      state: 'printerFault',
      tone: 'error',
      message: `${PAPER_OUT} — the label prints by itself when fixed`,
      actions: [],
    });
    // Cancelling would leave the held label to come out later for an abandoned picking.
    station.scan('O-BTN.cancel');
    expect(station.state()).toBe('printerFault');
    // Still faulted, another attempt: the instruction follows the latest report.
    station.report('job-1', 'queued', { detail: 'Print head open: close the head', heldBy: ['head_open'] });
    expect(station.view().message).toBe('Print head open: close the head — the label prints by itself when fixed');

    station.report('job-1', 'sending');
    expect(station.view()).toMatchObject({ state: 'printing.waiting', message: 'Printing the label for parcel 1…' });
    station.report('job-1', 'confirmed');
    await station.until('done');
    expect(station.calls.print).toHaveLength(1);
    expect(station.calls.retry).toEqual([]);
    expect(station.calls.finish).toEqual([picking.id]);
  });

  it('goes straight on when the held job is confirmed', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'queued', { detail: PAPER_OUT, heldBy: ['paper_out'] });
    station.report('job-1', 'confirmed');
    await station.until('done');
  });

  it('a fault after the bytes left: the station checks by itself once it is fixed', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'sent', { detail: 'Printer paused: press PAUSE on the printer to resume', heldBy: ['paused'] });
    expect(station.view().message).toBe('Printer paused: press PAUSE on the printer to resume — the station carries on by itself when fixed');
    const checking = `${PAPER_OUT} (then the station checks whether the label printed)`;
    station.report('job-1', 'sending', { detail: checking, heldBy: ['paper_out'] });
    expect(station.view()).toMatchObject({ state: 'printerFault', message: checking });
  });

  it('a fault is what the spooler says holds the job, whatever the words', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'queued', { detail: PAPER_OUT, heldBy: null });
    expect(station.state()).toBe('printing.waiting');
    station.report('job-1', 'queued', { detail: 'Papier leer', heldBy: ['paper_out'] });
    expect(station.view()).toMatchObject({ state: 'printerFault', message: 'Papier leer — the label prints by itself when fixed' });
    // A printer that says "not ready" without naming why still holds the job.
    station.report('job-1', 'queued', { detail: 'Printer not ready: check the printer', heldBy: [] });
    expect(station.state()).toBe('printerFault');
  });

  it('progress words of the spooler are not a fault', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'queued', { detail: 'Printer refused the job, retrying: ECONNREFUSED' });
    expect(station.view()).toMatchObject({
      state: 'printing.waiting',
      message: 'Printing the label for parcel 1… Printer refused the job, retrying: ECONNREFUSED',
    });
    station.report('job-1', 'sent', { detail: 'Printing…' });
    expect(station.view().message).toBe('Printing the label for parcel 1…');
    station.report('job-1', 'queued', { detail: 'Printer unreachable: check it is switched on and its network cable', heldBy: ['unreachable'] });
    expect(station.state()).toBe('printerFault');
  });

  it('takes a report that arrives before the submission answers', async () => {
    const station = startStation({
      spooler: 'hold',
      submitLabel: () => {
        // Another picking's label and a reprint are not this parcel's job.
        station.send({ type: 'PRINT.JOB', job: labelJob('other', 1, 'queued', { pickingId: 7, detail: 'x' }) });
        station.send({ type: 'PRINT.JOB', job: labelJob('reprint-9', 1, 'queued', { reprintOf: 'old', detail: 'x' }) });
        station.send({ type: 'PRINT.JOB', job: labelJob('job-1', 1, 'queued', { detail: PAPER_OUT, heldBy: ['paper_out'] }) });
      },
    });
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('printerFault');
    expect(station.view().printJob).toMatchObject({ id: 'job-1', detail: PAPER_OUT, heldBy: ['paper_out'] });
  });

  it('ignores reports about other jobs (slips, SSCC labels, other parcels)', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.send({ type: 'PRINT.JOB', job: labelJob('slip-1', 1, 'failed', { kind: 'packing-slip', target: 'slip', detail: 'no paper' }) });
    station.send({ type: 'PRINT.JOB', job: labelJob('sscc-1', 1, 'uncertain', { kind: 'sscc-label' }) });
    expect(station.state()).toBe('printing.waiting');
    expect(station.view().printJob).toBeNull();
  });
});

describe('packing machine: did the label print?', () => {
  it('asks, and a "yes" answered elsewhere carries on', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'sending');
    station.report('job-1', 'uncertain');
    expect(station.view()).toMatchObject({
      state: 'printUncertain',
      tone: 'warning',
      message: 'Did the label for parcel 1 print? Look at the printer, then answer Yes or No',
      printJob: { id: 'job-1', state: 'uncertain' },
      actions: [],
    });
    expect(PackingViewSchema.parse(station.view())).toEqual(station.view());
    // Commands cannot answer it: the answer needs a name and a reason ('print:resolve').
    station.scan('O-BTN.confirm-printed');
    station.scan('O-BTN.cancel');
    expect(station.state()).toBe('printUncertain');
    station.report('job-1', 'confirmed');
    await station.until('done');
  });

  it('"no" requeues the job: the machine waits again, through a fault if there is one', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'uncertain');
    station.report('job-1', 'queued');
    expect(station.state()).toBe('printing.waiting');
    station.report('job-1', 'uncertain');
    station.report('job-1', 'queued', { detail: PAPER_OUT, heldBy: ['paper_out'] });
    expect(station.state()).toBe('printerFault');
    station.report('job-1', 'confirmed');
    await station.until('done');
    expect(station.calls.print).toHaveLength(1);
  });

  it('a held job that turns uncertain asks the question', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'queued', { detail: PAPER_OUT, heldBy: ['paper_out'] });
    station.report('job-1', 'uncertain');
    expect(station.state()).toBe('printUncertain');
  });
});

describe('packing machine: a job the spooler gave up on', () => {
  it('offers Retry and Cancel; Retry re-runs the same job', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'failed', { detail: 'Printer unreachable after 5 attempts' });
    expect(station.view()).toMatchObject({
      state: 'printerFault',
      message: 'Printer fault: Printer unreachable after 5 attempts — fix and press Retry',
      actions: ['retry', 'cancel'],
    });
    station.scan('O-BTN.retry');
    await station.until('printing.waiting');
    expect(station.calls.retry).toEqual(['job-1']);
    station.report('job-1', 'queued', { detail: 'Retry requested by packer' });
    expect(station.state()).toBe('printing.waiting');
    expect(station.view().printJob).toMatchObject({ id: 'job-1', state: 'queued' });
    station.report('job-1', 'confirmed');
    await station.until('done');
    expect(station.calls.print).toHaveLength(1);
  });

  it('a retry the spooler refuses stays in the fault with the reason', async () => {
    const station = startStation({
      spooler: 'hold',
      retryPrint: () => {
        throw new Error('job job-1 is not failed');
      },
    });
    await waitingForLabel(station);
    station.report('job-1', 'failed');
    station.send({ type: 'COMMAND', action: 'retry' });
    await station.until('printerFault');
    await new Promise((r) => setTimeout(r, 0));
    expect(station.view().message).toBe('Printer fault: job job-1 is not failed — fix and press Retry');
  });

  it('Cancel abandons the picking', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'failed');
    expect(station.view().message).toBe('Printer fault: the label did not print — fix and press Retry');
    station.send({ type: 'COMMAND', action: 'cancel' });
    expect(station.state()).toBe('idle');
    expect(station.calls.finish).toEqual([]);
  });

  it('a cancelled job is printed again as a new job on Retry', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'cancelled');
    station.send({ type: 'COMMAND', action: 'retry' });
    await station.until('printing.waiting');
    expect(station.calls.print.map((p) => p.jobId)).toEqual(['job-1', 'job-2']);
    expect(station.calls.retry).toEqual([]);
  });
});

describe('packing machine: the label job after printing', () => {
  it('goes on to the next parcel once the first label is confirmed', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, 'O-BTN.pack');
    station.send({ type: 'WEIGHT.STABLE', grams: 400 });
    await station.until('packing');
    expect(station.view().picking?.parcelIndex).toBe(2);
    expect(station.view().printJob).toMatchObject({ id: 'job-1', parcelIndex: 1, state: 'confirmed' });
  });

  it('follows a reprint made from the UI: a fault on it shows on the done screen', async () => {
    const station = startStation({ spooler: 'hold' });
    await waitingForLabel(station);
    station.report('job-1', 'confirmed');
    await station.until('done');
    const reprint = labelJob('reprint-ui', 1, 'queued', { reprintOf: 'job-1', detail: PAPER_OUT, heldBy: ['paper_out'] });
    station.send({ type: 'PRINT.JOB', job: reprint });
    expect(station.view()).toMatchObject({
      state: 'done',
      tone: 'warning',
      message: `Reprint waiting: ${PAPER_OUT} — the label prints by itself when fixed`,
      printJob: { id: 'reprint-ui', reprintOf: 'job-1' },
    });
    station.send({ type: 'PRINT.JOB', job: { ...reprint, state: 'confirmed', detail: null, updatedAt: reprint.updatedAt + 1 } });
    expect(station.view()).toMatchObject({ tone: 'success', printJob: { id: 'reprint-ui', state: 'confirmed' } });
  });

  it('keeps the last label job through idle so it can still be reprinted', async () => {
    const station = startStation({}, { doneTimeoutMs: 5 });
    await station.open();
    station.scan(MUG, MUG, TEA);
    station.send({ type: 'WEIGHT.STABLE', grams: 900 });
    await station.until('done');
    await station.until('idle');
    expect(station.view()).toMatchObject({ picking: null, printJob: { id: 'job-1', state: 'confirmed' } });
  });

  it('follows a reprint of the original made while it follows an earlier reprint, also from idle', async () => {
    const station = startStation({ spooler: 'hold' }, { doneTimeoutMs: 5 });
    await waitingForLabel(station);
    station.report('job-1', 'confirmed');
    await station.until('idle');
    const first = labelJob('reprint-a', 1, 'confirmed', { reprintOf: 'job-1' });
    station.send({ type: 'PRINT.JOB', job: first });
    const second = labelJob('reprint-b', 1, 'queued', { reprintOf: 'job-1', detail: PAPER_OUT, heldBy: ['paper_out'] });
    station.send({ type: 'PRINT.JOB', job: second });
    expect(station.view()).toMatchObject({
      state: 'idle',
      tone: 'warning',
      message: `Scan a picking. Reprint waiting: ${PAPER_OUT} — the label prints by itself when fixed`,
      printJob: { id: 'reprint-b' },
    });
    // Another parcel's reprint is not this label.
    station.send({ type: 'PRINT.JOB', job: labelJob('reprint-c', 2, 'queued', { reprintOf: 'job-9' }) });
    expect(station.view().printJob).toMatchObject({ id: 'reprint-b' });
  });
});
