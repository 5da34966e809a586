/**
 * No scan is lost: scans made while the machine runs an effect are applied in order once it can take them; a scan it
 * cannot use is refused with the reason on screen.
 */
import { describe, expect, it } from 'vitest';
import { MAX_QUEUED_SCANS, checkScanInput, printableScan } from '../../../../app/packing/scan-input';
import { MUG, TEA, gate, picking, startStation } from './packing.fixtures';

const scannedUnits = (station: ReturnType<typeof startStation>) =>
  (station.view().picking?.lines ?? []).reduce((sum, line) => sum + line.scanned, 0);

/** A station whose picking loads only when the test opens the gate. */
function loadingSlowly() {
  const loading = gate();
  const station = startStation({
    loadPicking: async () => {
      await loading.promise;
      return picking;
    },
  });
  return { loading, station };
}

describe('packing machine: scans while it is busy', () => {
  it('holds item scans made while the picking loads, and counts them in order once it is loaded', async () => {
    const { loading, station } = loadingSlowly();
    station.scan(picking.name, MUG, MUG);
    expect(station.state()).toBe('loadingPicking');
    expect(station.actor.getSnapshot().context.queuedScans).toEqual([MUG, MUG]);
    loading.open();
    await station.until('packing');
    expect(scannedUnits(station)).toBe(2);
    expect(station.view().notice).toBeNull();
  });

  it('a whole order in one burst (picking, every item, the pack command) packs the parcel', async () => {
    const station = startStation();
    station.scan(picking.name, MUG, TEA, MUG);
    await station.until('weighing');
    expect(scannedUnits(station)).toBe(3);
    expect(station.calls.load).toEqual([picking.name]);
  });

  it('holds the next parcel’s items scanned while the label prints, and counts them into parcel 2', async () => {
    const station = startStation({ spooler: 'hold' });
    await station.open();
    station.scan(MUG, 'O-BTN.pack');
    station.send({ type: 'WEIGHT.STABLE', grams: 405 });
    await station.until('printing.waiting');
    station.scan(MUG, TEA);
    expect(station.actor.getSnapshot().context.queuedScans).toEqual([MUG, TEA]);
    station.report('job-1', 'confirmed');
    await station.until('weighing');
    expect(station.view().picking?.parcelIndex).toBe(2);
    expect(station.view().picking?.lines.map((l) => l.inCurrentParcel)).toEqual([1, 1]);
  });

  it('refuses an item scan while the parcel waits for its weight, with the reason on screen', async () => {
    const station = startStation();
    await station.open();
    station.scan(MUG, 'O-BTN.pack');
    expect(station.state()).toBe('weighing');
    station.scan(TEA);
    expect(station.state()).toBe('weighing');
    expect(station.view().notice).toBe(`"${TEA}" was not used: the parcel is closed and waits for its weight (cancel to change it)`);
    expect(station.actor.getSnapshot().context.refusedScans).toBe(1);
  });

  it('drops the scans held behind a picking that did not load (one Odoo lookup, not one per line), visibly', async () => {
    const loading = gate();
    const station = startStation({
      loadPicking: async () => {
        await loading.promise;
        throw new Error('No open picking "NOISE-1" in Odoo');
      },
    });
    station.scan('NOISE-1', 'NOISE-2', 'NOISE-3', 'NOISE-4');
    loading.open();
    await station.until('loadFailed');
    expect(station.calls.load).toEqual(['NOISE-1']);
    expect(station.view().notice).toMatch(/3 scan\(s\) made while the picking was loading were not used/);
    expect(station.actor.getSnapshot().context.queuedScans).toEqual([]);
  });

  it(`holds at most ${MAX_QUEUED_SCANS} scans and refuses the rest visibly`, () => {
    const station = startStation({ loadPicking: () => new Promise(() => undefined) });
    station.scan(picking.name);
    for (let i = 0; i < MAX_QUEUED_SCANS + 3; i += 1) station.scan(MUG);
    const context = station.actor.getSnapshot().context;
    expect(context.queuedScans).toHaveLength(MAX_QUEUED_SCANS);
    expect(context.refusedScans).toBe(3);
    expect(station.view().notice).toMatch(/scans are already waiting/);
  });

  it('the validate command barcode is accepted and ignored, not refused', async () => {
    const station = startStation();
    await station.open();
    station.scan('O-BTN.validate');
    expect(station.view().notice).toBeNull();
    expect(station.state()).toBe('packing.scanning');
  });

  it('a held scan that turns out wrong once applied is shown like any other wrong scan', async () => {
    const { loading, station } = loadingSlowly();
    station.scan(picking.name, 'NOT-A-PRODUCT');
    loading.open();
    await station.until('packing.unknownBarcode');
    expect(station.view().message).toContain('NOT-A-PRODUCT');
  });
});

describe('scan input', () => {
  it('refuses empty, overlong and control-character scans with a reason, and keeps GS1 separators', () => {
    expect(checkScanInput('  ')).toEqual({ ok: false, reason: 'the scan was empty' });
    expect(checkScanInput('9'.repeat(300))).toMatchObject({ ok: false, reason: expect.stringMatching(/300 characters long/) });
    expect(checkScanInput('WH/OUT/\u000700012')).toMatchObject({ ok: false, reason: expect.stringMatching(/control characters/) });
    expect(checkScanInput('\u001b[A')).toMatchObject({ ok: false });
    expect(checkScanInput(' 0109501101530003\u001d10ABC ')).toEqual({ ok: true, code: '0109501101530003\u001d10ABC' });
  });

  it('shows a scan with control bytes escaped and cut to a readable length', () => {
    expect(printableScan('AB\u0007C')).toBe('AB\\x07C');
    expect(printableScan('x'.repeat(100))).toBe(`${'x'.repeat(40)}…`);
  });
});
