import { describe, expect, it } from 'vitest';
import { AlertKindSchema, type PackingView, type PrintJob } from '../../../../app/domain';
import { cueFor, SUCCESS_CUES } from '../../../../app/feedback/cues';
import { CUE_SOUNDS } from '../../../../app/feedback/sounds';
import { translator } from '../../../../app/i18n/catalogues';

const line = (scanned: number) => ({ moveId: 1, productName: 'Mug', barcode: '5901234123457', expected: 3, scanned, inCurrentParcel: scanned });

function view(patch: Partial<PackingView> = {}): PackingView {
  return {
    state: 'packing.scanning',
    message: '',
    tone: 'info',
    picking: { id: 7, name: 'WH/OUT/7', partnerName: 'Ada', carrierName: null, lines: [line(0)], parcelIndex: 1 },
    weight: null,
    expectedWeightG: null,
    lastLabel: null,
    printJob: null,
    notice: null,
    actions: [],
    ...patch,
  };
}

const job = (id: string, state: PrintJob['state']): PrintJob => ({
  id,
  kind: 'shipping-label',
  target: 'label',
  pickingId: 7,
  parcelIndex: 1,
  state,
  attempts: 1,
  detail: null,
  heldBy: null,
  reprintOf: null,
  createdAt: 1,
  updatedAt: 2,
});

describe('cueFor', () => {
  it('an item accepted: the scanned count rose on the same picking', () => {
    const before = view();
    const after = view({ picking: { ...before.picking!, lines: [line(1)] } });
    expect(cueFor(before, after)).toBe('itemAccepted');
    expect(cueFor(after, after)).toBeNull();
    // Another picking with more units scanned is not an accepted item.
    expect(cueFor(before, view({ picking: { ...after.picking!, id: 8 } }))).toBeNull();
  });

  it('a parcel complete: its weight taken, leaving weighing forward; a cancel is not one', () => {
    expect(cueFor(view({ state: 'weighing' }), view({ state: 'recordingParcel' }))).toBe('parcelComplete');
    expect(cueFor(view({ state: 'weightRejected' }), view({ state: 'buyingLabel' }))).toBe('parcelComplete');
    expect(cueFor(view({ state: 'weighing' }), view({ state: 'idle', picking: null }))).toBeNull();
    expect(cueFor(view({ state: 'recordingParcel' }), view({ state: 'buyingLabel' }))).toBeNull();
  });

  it('a label printed: its job confirmed, once', () => {
    const printing = view({ state: 'printing.waiting', printJob: job('j1', 'sent') });
    const printed = view({ state: 'finishing', printJob: job('j1', 'confirmed') });
    expect(cueFor(printing, printed)).toBe('labelPrinted');
    expect(cueFor(printed, view({ state: 'done', printJob: job('j1', 'confirmed') }))).toBeNull();
    // A reprint is a new job that prints.
    expect(cueFor(printed, view({ state: 'done', printJob: job('j2', 'confirmed') }))).toBe('labelPrinted');
    expect(cueFor(printing, view({ printJob: { ...job('j1', 'confirmed'), kind: 'packing-slip' } }))).toBeNull();
  });

  it('a new alert outranks success, is heard on a first view, and the same alert is not heard twice', () => {
    const wrong = view({ state: 'packing.wrongProduct', alert: { kind: 'wrongItem', at: 5, mustAct: true } });
    expect(cueFor(null, wrong)).toBe('wrongItem');
    expect(cueFor(view(), wrong)).toBe('wrongItem');
    expect(cueFor(wrong, { ...wrong, weight: { grams: 3, stable: false, at: 9 } })).toBeNull();
    expect(cueFor(wrong, { ...wrong, alert: { kind: 'wrongItem', at: 6, mustAct: true } })).toBe('wrongItem');
    const printedWithFault = view({ printJob: job('j1', 'confirmed'), alert: { kind: 'printerFault', at: 7, mustAct: true } });
    expect(cueFor(view({ printJob: job('j1', 'sent') }), printedWithFault)).toBe('printerFault');
    // Acknowledged or fixed: the alert leaves the view, nothing is played.
    expect(cueFor(wrong, { ...wrong, alert: null })).toBeNull();
    // A screen's first view plays no success.
    expect(cueFor(null, view({ printJob: job('j1', 'confirmed') }))).toBeNull();
  });
});

describe('cue sounds', () => {
  it('every cue has its own notes; success is high and short, errors low and harsh', () => {
    const patterns = Object.values(CUE_SOUNDS).map((notes) => JSON.stringify(notes));
    expect(new Set(patterns).size).toBe(patterns.length);
    for (const [cue, notes] of Object.entries(CUE_SOUNDS)) {
      const success = (SUCCESS_CUES as readonly string[]).includes(cue);
      for (const note of notes) {
        if (success) {
          expect(note.hz, cue).toBeGreaterThanOrEqual(1000);
          expect(['sine', 'triangle'], cue).toContain(note.wave);
        } else {
          expect(note.hz, cue).toBeLessThan(400);
          expect(['square', 'sawtooth'], cue).toContain(note.wave);
        }
      }
      const total = notes.reduce((ms, n) => ms + n.ms + (n.gapMs ?? 0), 0);
      expect(total, cue).toBeLessThanOrEqual(success ? 400 : 1000);
    }
  });
});

describe('alert words', () => {
  it('every alert kind has its heading on the flash, in every language', () => {
    for (const kind of AlertKindSchema.options) {
      for (const language of ['en', 'de', 'fr', 'es'] as const) expect(translator.keys(language)).toContain(`feedback.alert.${kind}`);
    }
  });
});
