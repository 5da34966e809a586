import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKey, type WedgeSettings, type WedgeVerdict } from '../../../../renderer/src/scan/keyboard-wedge';

const settings: WedgeSettings = { enabled: true, maxInterKeyMs: 35, minLength: 4 };

/** Keys of `text` `gapMs` apart from `start`, then `terminator` after `endGapMs`. */
function typed(text: string, gapMs: number, terminator = 'Enter', start = 1000, endGapMs = gapMs): WedgeKey[] {
  const keys = [...text].map((key, i) => ({ key, time: start + i * gapMs }));
  return [...keys, { key: terminator, time: start + (text.length - 1) * gapMs + endGapMs }];
}

const run = (detector: WedgeDetector, keys: WedgeKey[]): WedgeVerdict[] => keys.map((key) => detector.key(key));
const scans = (verdicts: WedgeVerdict[]) => verdicts.flatMap((v) => (v.kind === 'scan' ? [v.code] : []));

describe('WedgeDetector', () => {
  it('turns a fast burst ending in Enter into one scan, and the terminator is the only non-pass verdict', () => {
    const verdicts = run(new WedgeDetector(settings), typed('WH/OUT/00042', 8));
    expect(scans(verdicts)).toEqual(['WH/OUT/00042']);
    expect(verdicts.at(-1)).toEqual({ kind: 'scan', code: 'WH/OUT/00042' });
    expect(verdicts.slice(0, -1).every((v) => v.kind === 'pass')).toBe(true);
    expect(verdicts[0]).toEqual({ kind: 'pass', startsBurst: true });
    expect(verdicts[1]).toEqual({ kind: 'pass', startsBurst: false });
  });

  it('accepts Tab as terminator', () => {
    expect(scans(run(new WedgeDetector(settings), typed('4006381333931', 5, 'Tab')))).toEqual(['4006381333931']);
  });

  it('slow typing is typing, however long', () => {
    expect(scans(run(new WedgeDetector(settings), typed('4006381333931', 120)))).toEqual([]);
  });

  it('a gap beyond maxInterKeyMs restarts the burst: only the fast tail counts', () => {
    const detector = new WedgeDetector(settings);
    const human = [...'note '].map((key, i) => ({ key, time: i * 150 }));
    const scanner = typed('ABC-123', 6, 'Enter', 2000);
    const verdicts = run(detector, [...human, ...scanner]);
    expect(scans(verdicts)).toEqual(['ABC-123']);
    // The scanner's first key starts a new burst, so the caller snapshots the field there.
    expect(verdicts[human.length]).toEqual({ kind: 'pass', startsBurst: true });
  });

  it('a slow Enter after a fast burst is a person pressing Enter', () => {
    expect(scans(run(new WedgeDetector(settings), typed('ABCDEF', 5, 'Enter', 0, 400)))).toEqual([]);
  });

  it('fewer than minLength characters is not a scan (fast rollover then Enter)', () => {
    expect(scans(run(new WedgeDetector(settings), typed('ok', 10)))).toEqual([]);
    expect(scans(run(new WedgeDetector({ ...settings, minLength: 2 }), typed('ok', 10)))).toEqual(['ok']);
  });

  it('exactly maxInterKeyMs apart still counts; one ms more does not', () => {
    expect(scans(run(new WedgeDetector(settings), typed('ABCD', 35)))).toEqual(['ABCD']);
    expect(scans(run(new WedgeDetector(settings), typed('ABCD', 36)))).toEqual([]);
  });

  it('Shift between characters neither breaks the burst nor adds to the code', () => {
    const keys: WedgeKey[] = [
      { key: 'Shift', time: 0 },
      { key: 'A', time: 4 },
      { key: 'b', time: 20 },
      { key: 'Shift', time: 40 },
      { key: 'C', time: 60 },
      { key: 'd', time: 80 },
      { key: 'Enter', time: 90 },
    ];
    expect(scans(run(new WedgeDetector(settings), keys))).toEqual(['AbCd']);
  });

  it('Ctrl+] inside a burst is the GS1 separator GS; other shortcuts and editing keys end the burst', () => {
    const gs: WedgeKey[] = [...'0104006381333931'].map((key, i) => ({ key, time: i * 3 }));
    gs.push({ key: ']', ctrlKey: true, time: 50 }, ...[...'10L1'].map((key, i) => ({ key, time: 53 + i * 3 })), { key: 'Enter', time: 70 });
    expect(scans(run(new WedgeDetector(settings), gs))).toEqual(['0104006381333931\x1d10L1']);
    const broken = [...typed('ABCD', 5)];
    broken.splice(2, 0, { key: 'Backspace', time: 1006 });
    expect(scans(run(new WedgeDetector(settings), broken))).toEqual([]);
    expect(scans(run(new WedgeDetector(settings), [{ key: 'v', ctrlKey: true, time: 0 }, ...typed('ABCD', 5, 'Enter', 5)]))).toEqual(['ABCD']);
  });

  it('AltGr characters (Ctrl+Alt) type as characters', () => {
    const keys: WedgeKey[] = [...'ab@cd'].map((key, i) => ({ key, time: i * 5, ...(key === '@' ? { ctrlKey: true, altKey: true } : {}) }));
    keys.push({ key: 'Enter', time: 30 });
    expect(scans(run(new WedgeDetector(settings), keys))).toEqual(['ab@cd']);
  });

  it('does nothing when disabled, and configure() applies new settings', () => {
    const detector = new WedgeDetector({ ...settings, enabled: false });
    expect(scans(run(detector, typed('ABCDEF', 5)))).toEqual([]);
    detector.configure({ ...settings, maxInterKeyMs: 200 });
    expect(scans(run(detector, typed('ABCDEF', 120)))).toEqual(['ABCDEF']);
  });

  it('a burst longer than any code ends in nothing rather than a truncated scan', () => {
    expect(scans(run(new WedgeDetector(settings), typed('x'.repeat(600), 1)))).toEqual([]);
  });

  it('two scans back to back are two scans', () => {
    const detector = new WedgeDetector(settings);
    const verdicts = run(detector, [...typed('FIRST-1', 4, 'Enter', 0), ...typed('SECOND-2', 4, 'Enter', 60)]);
    expect(scans(verdicts)).toEqual(['FIRST-1', 'SECOND-2']);
  });

  it('inBurst tells whether a key at this time would continue the burst', () => {
    const detector = new WedgeDetector(settings);
    detector.key({ key: 'A', time: 100 });
    expect(detector.inBurst(130)).toBe(true);
    expect(detector.inBurst(136)).toBe(false);
    expect(detector.length).toBe(1);
  });
});
