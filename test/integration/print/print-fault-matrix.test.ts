/**
 * The printing fault matrix through a real TCP socket: the real ZPL driver talks to the Zebra simulator, the spooler
 * keeps its queue in a real SQLite file. For every fault — before, during and after a job — no job is lost and no
 * label comes out twice without a person asking for it.
 */
import { describe, expect, it } from 'vitest';
import type { PrinterFault } from '../../../app/domain';
import type { LabelPrinter } from '../../../app/ports';
import { instructionFor } from '../../../app/printing/printer-instructions';
import type { SimulatedFault } from '../../../drivers/sim/zpl-printer.sim';
import { cleanupAfterEach } from '../../support/cleanup';
import { DelegatingPrinter, POLICY, jobIn, jobWhere, labelRequest, openRig, quietPeriod, statesOf, zpl } from './print-rig';
import type { RigOptions } from './print-rig';

describe('print fault matrix (real TCP, Zebra simulator, real driver, SQLite file)', () => {
  const cleanup = cleanupAfterEach();

  const rig = async (opts: RigOptions = {}) => {
    const opened = await openRig(opts);
    cleanup.push(opened.cleanup);
    return opened.rig;
  };

  describe('a fault BEFORE the job: queued with the instruction, printed exactly once when it clears', () => {
    const faults: [SimulatedFault, PrinterFault][] = [
      ['paper_out', 'paper_out'],
      ['head_open', 'head_open'],
      ['ribbon_out', 'ribbon_out'],
      ['paused', 'paused'],
    ];
    it.each(faults)('%s', async (simFault, fault) => {
      const { sim, spooler } = await rig();
      sim.setFault(simFault);
      const id = spooler.submit(labelRequest(1));
      const waiting = await jobWhere(spooler, id, (j) => j.detail !== null);
      expect(waiting).toMatchObject({ state: 'queued', attempts: 0, detail: instructionFor(fault) });
      await quietPeriod();
      expect(spooler.job(id)).toMatchObject({ state: 'queued', attempts: 0 });
      expect(sim.jobs()).toEqual([]);

      sim.setFault(null);
      await jobIn(spooler, id, 'confirmed');
      await quietPeriod();
      expect(sim.jobs()).toEqual([zpl(1)]);
      expect(sim.labelCount()).toBe(1);
    });

    it('no answer', async () => {
      const { sim, spooler } = await rig();
      sim.setNoAnswer(true);
      const id = spooler.submit(labelRequest(1));
      const waiting = await jobWhere(spooler, id, (j) => j.detail !== null);
      expect(waiting).toMatchObject({ state: 'queued', attempts: 0, detail: instructionFor('no_answer') });
      expect(sim.jobs()).toEqual([]);
      sim.setNoAnswer(false);
      await jobIn(spooler, id, 'confirmed');
      await quietPeriod();
      expect(sim.jobs()).toEqual([zpl(1)]);
      expect(sim.labelCount()).toBe(1);
    });

    it('unreachable (nothing listening), then the printer comes up', async () => {
      const { sim, port, spooler } = await rig({ listening: false });

      const id = spooler.submit(labelRequest(1));
      const waiting = await jobWhere(spooler, id, (j) => j.detail !== null);
      expect(waiting).toMatchObject({ state: 'queued', attempts: 0, detail: instructionFor('unreachable') });

      await sim.listen(port);
      await jobIn(spooler, id, 'confirmed');
      await quietPeriod();
      expect(sim.jobs()).toEqual([zpl(1)]);
      expect(sim.labelCount()).toBe(1);
    });
  });

  describe('the connection resets DURING the job', () => {
    it('the label printed: the counter shows it, confirmed without a duplicate', async () => {
      const { sim, spooler, events } = await rig();
      sim.resetNextJob(20, { printed: true });
      const id = spooler.submit(labelRequest(1));
      const job = await jobIn(spooler, id, 'confirmed');
      await quietPeriod();
      expect(job.attempts).toBe(0);
      expect(statesOf(events, id)).toEqual(['queued', 'sending', 'confirmed']);
      expect(sim.labelCount()).toBe(1);
      // The simulator keeps what it got before the reset: one (cut-off) format, never a second copy.
      expect(sim.jobs()).toHaveLength(1);
      expect(zpl(1).startsWith(sim.jobs()[0] ?? '-')).toBe(true);
    });

    it('the label did not print: the counter proves it, resent exactly once', async () => {
      const { sim, spooler, events } = await rig();
      sim.resetNextJob(20, { printed: false });
      const id = spooler.submit(labelRequest(1));
      const job = await jobIn(spooler, id, 'confirmed');
      await quietPeriod();
      expect(job.attempts).toBe(1);
      expect(statesOf(events, id)).toEqual(['queued', 'sending', 'queued', 'sending', 'sent', 'confirmed']);
      expect(sim.labelCount()).toBe(1);
      expect(sim.jobs()).toEqual([zpl(1)]);
    });

    it.each([true, false])('the printer cannot count (printed: %s): uncertain, never resent on its own', async (printed) => {
      const { sim, spooler } = await rig({ counter: false });
      sim.resetNextJob(20, { printed });
      const id = spooler.submit(labelRequest(1));
      const job = await jobIn(spooler, id, 'uncertain');
      expect(job.detail).toMatch(/Did the label print\?/);
      await quietPeriod();
      expect(spooler.job(id)?.state).toBe('uncertain');
      expect(sim.labelCount()).toBe(printed ? 1 : 0);
      expect(sim.jobs()).toHaveLength(printed ? 1 : 0);

      // The operator answers; only "not printed" sends it again, and the answer is audited.
      spooler.resolveUncertain(id, printed, 'ann', printed ? 'label is on the box' : 'nothing came out');
      await jobIn(spooler, id, 'confirmed');
      await quietPeriod();
      expect(sim.labelCount()).toBe(1);
      expect(sim.jobs()).toHaveLength(1);
      expect(spooler.audit(id)).toMatchObject([{ action: printed ? 'confirm-printed' : 'confirm-not-printed', who: 'ann' }]);
    });

    it('later jobs still print once each, in order, after a reset', async () => {
      const { sim, spooler } = await rig();
      sim.resetNextJob(20, { printed: false });
      const ids = [1, 2, 3].map((n) => spooler.submit(labelRequest(n)));
      for (const id of ids) await jobIn(spooler, id, 'confirmed');
      await quietPeriod();
      expect(sim.labelCount()).toBe(3);
      expect(sim.jobs()).toEqual([zpl(1), zpl(2), zpl(3)]);
    });
  });

  describe('a fault AFTER the job (right after the bytes)', () => {
    it.each(['paper_out', 'head_open', 'paused'] as SimulatedFault[])('%s: stays sent with the instruction, confirmed when it clears, no duplicate', async (fault) => {
      const { sim, spooler } = await rig();
      const off = sim.onJob(() => {
        off();
        sim.setFault(fault);
      });
      const id = spooler.submit(labelRequest(1));
      const waiting = await jobWhere(spooler, id, (j) => j.state === 'sent' && j.detail !== null);
      expect(waiting.detail).toBe(instructionFor(fault));
      await quietPeriod();
      expect(spooler.job(id)?.state).toBe('sent');

      sim.setFault(null);
      await jobIn(spooler, id, 'confirmed');
      await quietPeriod();
      expect(sim.jobs()).toEqual([zpl(1)]);
      expect(sim.labelCount()).toBe(1);
    });
  });

  it('a refused connection is retried with backoff, fails after maxAutoAttempts, and a retry prints once, unaudited', async () => {
    // A status source that says "ready" although nothing listens (a spooler lying, QZ Tray #1390): print() is refused.
    const liar = (driver: LabelPrinter): LabelPrinter => {
      const lying = new DelegatingPrinter(driver);
      lying.status = () => Promise.resolve({ ready: true, faults: [], labelsWaiting: 0 });
      lying.labelCount = () => Promise.resolve(null);
      return lying;
    };
    const { sim, port, spooler } = await rig({ listening: false, wrap: liar });

    const id = spooler.submit(labelRequest(1));
    const failed = await jobIn(spooler, id, 'failed');
    expect(failed).toMatchObject({ attempts: POLICY.maxAutoAttempts, detail: expect.stringMatching(/Gave up after 5 attempts.*ECONNREFUSED/) });

    await sim.listen(port);
    spooler.retry(id, 'ann');
    await jobIn(spooler, id, 'confirmed');
    await quietPeriod();
    expect(sim.jobs()).toEqual([zpl(1)]);
    expect(spooler.audit(id)).toEqual([]);
  });
});
