import { describe, expect, it } from 'vitest';
import { PrinterFaultSchema } from '../../../../app/domain';
import type { PrinterFault, PrinterStatus } from '../../../../app/domain';
import {
  decideAfterBroken,
  decideAfterSent,
  decideBeforeSend,
  decideNext,
  decideRefused,
  refusedBackoffMs,
} from '../../../../app/printing/print-decisions';
import type { ObservedStatus, PrintObservation } from '../../../../app/printing/print-decisions';
import { RESENDING_TEXT, UNCERTAIN_TEXT, instructionFor } from '../../../../app/printing/printer-instructions';

const READY: PrinterStatus = { ready: true, faults: [], labelsWaiting: 0 };
const fault = (f: PrinterFault): PrinterStatus => ({ ready: false, faults: [f], labelsWaiting: 0 });
const policy = { maxAutoAttempts: 5, confirmTimeoutMs: 10_000, proofSettleMs: 2_000 };

const obs = (over: Partial<PrintObservation> = {}): PrintObservation => ({
  state: 'sending',
  status: READY,
  countBefore: 10,
  countAfter: 10,
  attempts: 0,
  faultSeen: false,
  waitedMs: 0,
  proofHeldMs: 5_000,
  policy,
  ...over,
});

// Every fault a printer can report about itself; `unreachable` is an observation of its own ('unreachable' below).
const FAULTS: PrinterFault[] = PrinterFaultSchema.exclude(['unreachable']).options;

describe('decideBeforeSend', () => {
  it('sends to a ready printer, and to one that cannot report status at all', () => {
    expect(decideBeforeSend(READY)).toEqual({ next: 'send' });
    expect(decideBeforeSend({ ready: true, faults: [], labelsWaiting: 3 })).toEqual({ next: 'send' });
    expect(decideBeforeSend('unknown')).toEqual({ next: 'send' });
  });

  it.each(FAULTS)('waits on %s with the operator instruction', (f) => {
    expect(decideBeforeSend(fault(f))).toEqual({ next: 'stay', detail: instructionFor(f), held: [f], faultSeen: false });
  });

  it('waits on an unreachable printer, and on a not-ready status without a named fault', () => {
    expect(decideBeforeSend('unreachable')).toEqual({ next: 'stay', detail: instructionFor('unreachable'), held: ['unreachable'], faultSeen: false });
    // Held, though the printer names no fault: an empty list, not null.
    expect(decideBeforeSend({ ready: false, faults: [] })).toMatchObject({ next: 'stay', detail: expect.stringContaining('not ready'), held: [] });
  });

  it('joins several faults', () => {
    const d = decideBeforeSend({ ready: false, faults: ['paper_out', 'ribbon_out'] });
    expect(d).toEqual({
      next: 'stay',
      detail: `${instructionFor('paper_out')}; ${instructionFor('ribbon_out')}`,
      held: ['paper_out', 'ribbon_out'],
      faultSeen: false,
    });
  });

  it('a "ready" flag with a fault listed is not ready', () => {
    expect(decideBeforeSend({ ready: true, faults: ['paused'] })).toMatchObject({ next: 'stay', held: ['paused'] });
  });
});

describe('decideRefused (nothing was sent)', () => {
  it('requeues with backoff and counts the attempt', () => {
    const d = decideRefused(obs({ failure: 'refused', failureText: 'ECONNREFUSED', attempts: 1 }));
    expect(d).toEqual({ next: 'queued', attempts: 2, detail: expect.stringContaining('ECONNREFUSED'), backoff: true });
  });

  it('fails after maxAutoAttempts consecutive refusals', () => {
    expect(decideRefused(obs({ failure: 'refused', attempts: 3 }))).toMatchObject({ next: 'queued', attempts: 4 });
    expect(decideRefused(obs({ failure: 'refused', attempts: 4 }))).toMatchObject({ next: 'failed', attempts: 5 });
  });

  it('fails at once when the driver rejected the job itself', () => {
    expect(decideRefused(obs({ failure: 'rejected', failureText: 'empty label' }))).toMatchObject({
      next: 'failed',
      detail: expect.stringContaining('empty label'),
    });
  });
});

describe('decideAfterBroken (bytes may be in the printer)', () => {
  it('confirms when the counter advanced, whatever the status says', () => {
    for (const status of [READY, fault('paper_out'), 'unreachable', 'unknown'] as ObservedStatus[]) {
      expect(decideAfterBroken(obs({ status, countAfter: 11 }))).toEqual({ next: 'confirmed', detail: null });
    }
  });

  it('resends only on proof: counter known and unchanged, ready, nothing waiting, held long enough', () => {
    expect(decideAfterBroken(obs({ attempts: 0 }))).toEqual({ next: 'queued', attempts: 1, detail: RESENDING_TEXT, backoff: false });
  });

  it('does not resend before the proof has held for proofSettleMs (a label may be on its way out)', () => {
    const d = decideAfterBroken(obs({ proofHeldMs: 1_999 }));
    expect(d).toMatchObject({ next: 'stay', proof: true, held: null });
  });

  it.each([
    ['printer unreachable', { status: 'unreachable' as const }],
    ['printer cannot report', { status: 'unknown' as const }],
    ['no counter before', { countBefore: null }],
    ['no counter after', { countAfter: null }],
    ['counter went backwards (another printer?)', { countAfter: 3 }],
    ['buffer unknown', { status: { ready: true, faults: [] } as PrinterStatus }],
  ])('becomes uncertain when %s', (_name, over) => {
    expect(decideAfterBroken(obs(over))).toEqual({ next: 'uncertain', detail: UNCERTAIN_TEXT });
  });

  it.each(FAULTS)('waits through %s (a held label prints when it clears) and never resends', (f) => {
    const d = decideAfterBroken(obs({ status: fault(f) }));
    expect(d).toMatchObject({ next: 'stay', faultSeen: true, held: [f], detail: expect.stringContaining(instructionFor(f)) });
  });

  it('waits while labels are still in the buffer, then asks a person', () => {
    const busy: PrinterStatus = { ready: true, faults: [], labelsWaiting: 1 };
    expect(decideAfterBroken(obs({ status: busy, waitedMs: 9_999 }))).toMatchObject({ next: 'stay', held: null });
    expect(decideAfterBroken(obs({ status: busy, waitedMs: 10_000 }))).toEqual({ next: 'uncertain', detail: UNCERTAIN_TEXT });
  });

  it('gives up resending after maxAutoAttempts', () => {
    expect(decideAfterBroken(obs({ attempts: 4 }))).toMatchObject({ next: 'failed', attempts: 5 });
  });
});

describe('decideAfterSent (every byte written)', () => {
  const sent = (over: Partial<PrintObservation> = {}): PrintObservation => obs({ state: 'sent', ...over });

  it('confirms when the counter advanced', () => {
    expect(decideAfterSent(sent({ countAfter: 11 }))).toEqual({ next: 'confirmed', detail: null });
  });

  it('confirms a ready printer with nothing waiting when it cannot count', () => {
    expect(decideAfterSent(sent({ countBefore: null, countAfter: null }))).toEqual({ next: 'confirmed', detail: null });
    expect(decideAfterSent(sent({ countBefore: 10, countAfter: null }))).toEqual({ next: 'confirmed', detail: null });
  });

  it.each(FAULTS)('stays sent through %s, even if the counter moved (the label may be cut short)', (f) => {
    expect(decideAfterSent(sent({ status: fault(f), countAfter: 11 }))).toEqual({
      next: 'stay',
      detail: instructionFor(f),
      held: [f],
      faultSeen: true,
    });
  });

  it('after a fault: confirmed when the counter shows it printed, uncertain when the printer cannot count', () => {
    expect(decideAfterSent(sent({ faultSeen: true, countAfter: 11 }))).toEqual({ next: 'confirmed', detail: null });
    expect(decideAfterSent(sent({ faultSeen: true, countBefore: null, countAfter: null }))).toEqual({ next: 'uncertain', detail: UNCERTAIN_TEXT });
  });

  it('waits for a lagging counter, then asks a person instead of resending', () => {
    expect(decideAfterSent(sent({ waitedMs: 100 }))).toMatchObject({ next: 'stay', held: null });
    expect(decideAfterSent(sent({ waitedMs: 10_000 }))).toEqual({ next: 'uncertain', detail: UNCERTAIN_TEXT });
  });

  it('waits while labels are still printing, then asks a person', () => {
    const busy: PrinterStatus = { ready: true, faults: [], labelsWaiting: 2 };
    expect(decideAfterSent(sent({ status: busy, countBefore: null, countAfter: null }))).toMatchObject({ next: 'stay', detail: 'Printing…', held: null });
    expect(decideAfterSent(sent({ status: busy, countBefore: null, countAfter: null, waitedMs: 10_000 }))).toMatchObject({ next: 'uncertain' });
  });

  it('an unreachable printer after the job: wait, then uncertain; never a resend', () => {
    expect(decideAfterSent(sent({ status: 'unreachable', countAfter: null }))).toMatchObject({
      next: 'stay',
      detail: instructionFor('unreachable'),
      held: ['unreachable'],
    });
    expect(decideAfterSent(sent({ status: 'unreachable', countAfter: null, waitedMs: 10_000 }))).toMatchObject({ next: 'uncertain' });
    expect(decideAfterSent(sent({ status: 'unreachable', countAfter: 11 }))).toMatchObject({ next: 'confirmed' });
  });

  it('a slip printer that cannot report: written is confirmed, unless a fault was seen', () => {
    expect(decideAfterSent(sent({ status: 'unknown', countBefore: null, countAfter: null }))).toMatchObject({ next: 'confirmed' });
    expect(decideAfterSent(sent({ status: 'unknown', countBefore: null, countAfter: null, faultSeen: true }))).toMatchObject({ next: 'uncertain' });
  });
});

describe('decideNext', () => {
  it('dispatches on state and failure', () => {
    expect(decideNext(obs({ state: 'queued', status: fault('paused') }))).toMatchObject({ next: 'stay', held: ['paused'] });
    expect(decideNext(obs({ state: 'queued' }))).toEqual({ next: 'send' });
    expect(decideNext(obs({ failure: 'refused' }))).toMatchObject({ next: 'queued', backoff: true });
    expect(decideNext(obs({ failure: 'rejected' }))).toMatchObject({ next: 'failed' });
    expect(decideNext(obs({ failure: 'broken', countAfter: 11 }))).toMatchObject({ next: 'confirmed' });
    expect(decideNext(obs({ countAfter: null }))).toMatchObject({ next: 'uncertain' });
    expect(decideNext(obs({ state: 'sent', countAfter: 11 }))).toMatchObject({ next: 'confirmed' });
  });

  it('never answers "send again" for a job whose bytes may be out, across every observation', () => {
    const statuses: ObservedStatus[] = [READY, { ready: true, faults: [], labelsWaiting: 1 }, { ready: true, faults: [] }, 'unreachable', 'unknown', ...FAULTS.map(fault)];
    const counts = [null, 9, 10, 11];
    for (const state of ['sending', 'sent'] as const) {
      for (const status of statuses) {
        for (const countBefore of [null, 10]) {
          for (const countAfter of counts) {
            for (const faultSeen of [false, true]) {
              const d = decideNext(obs({ state, status, countBefore, countAfter, faultSeen, failure: state === 'sending' ? 'broken' : undefined }));
              const proven = state === 'sending' && countBefore === 10 && countAfter === 10 && status === READY;
              if (d.next === 'queued') expect(proven).toBe(true);
              expect(d.next).not.toBe('send');
            }
          }
        }
      }
    }
  });
});

describe('refusedBackoffMs', () => {
  it('doubles from the poll interval and caps at a minute', () => {
    expect([1, 2, 3, 4].map((a) => refusedBackoffMs(a, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(refusedBackoffMs(30, 1000)).toBe(60_000);
  });
});
