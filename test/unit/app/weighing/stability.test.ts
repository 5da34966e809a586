import { describe, expect, it } from 'vitest';
import { StabilitySchema, type ScaleReading } from '../../../../app/domain';
import { StabilityDetector, effectiveStabilityMode, protocolHasStabilityFlag } from '../../../../app/weighing/stability';

const stability = StabilitySchema.parse({ readings: 3, toleranceG: 2, windowMs: 600 });

/** Readings at a fixed cadence from t = 0, like a scale polled every `everyMs`. */
function feed(detector: StabilityDetector, values: [grams: number, stable?: boolean][], everyMs = 200, from = 0) {
  return values.map(([grams, stable = true], i) => detector.push({ grams, stable, at: from + i * everyMs } satisfies ScaleReading).stable);
}

describe('StabilityDetector, flag mode', () => {
  it('trusts the reading’s own stable flag', () => {
    const detector = new StabilityDetector({ mode: 'flag', stability });
    expect(feed(detector, [[500, false], [812, true], [812, false], [0, true]])).toEqual([false, true, false, true]);
  });

  it('keeps the resolution the protocol gave', () => {
    const detector = new StabilityDetector({ mode: 'flag', stability });
    expect(detector.push({ grams: 810, stable: true, at: 0, resolutionG: 5 })).toEqual({ grams: 810, stable: true, resolutionG: 5 });
  });
});

describe('StabilityDetector, window mode', () => {
  it('is stable after N readings within ±tolerance spanning at least windowMs', () => {
    const detector = new StabilityDetector({ mode: 'window', stability });
    // 0, 200, 400 ms: three readings but only 400 ms; the fourth (600 ms) completes the window.
    expect(feed(detector, [[900], [900], [900], [900]])).toEqual([false, false, false, true]);
  });

  it('needs N readings even when they are far apart (slow polling)', () => {
    const detector = new StabilityDetector({ mode: 'window', stability });
    expect(feed(detector, [[900], [900], [900]], 1000)).toEqual([false, false, true]);
  });

  it('accepts noise within the tolerance band', () => {
    const detector = new StabilityDetector({ mode: 'window', stability });
    expect(feed(detector, [[1000], [1002], [999], [1001], [1000]])).toEqual([false, false, false, true, true]);
  });

  it('restarts the window on a jump beyond the tolerance (a box still settling)', () => {
    const detector = new StabilityDetector({ mode: 'window', stability });
    expect(feed(detector, [[1000], [1000], [1000], [1000], [1010], [1010], [1010], [1010]])).toEqual([
      false, false, false, true, false, false, false, true,
    ]);
  });

  it('rejects motion: a reading flagged unstable empties the window', () => {
    const detector = new StabilityDetector({ mode: 'window', stability });
    expect(feed(detector, [[800], [800], [800], [800, false], [800], [800], [800], [800]])).toEqual([
      false, false, false, false, false, false, false, true,
    ]);
  });

  it('a slow drift never settles', () => {
    const detector = new StabilityDetector({ mode: 'window', stability });
    const drifting = Array.from({ length: 20 }, (_, i) => [500 + i * 3] as [number]);
    expect(feed(detector, drifting).some(Boolean)).toBe(false);
  });

  it('stays bounded and stable on a long continuous stream', () => {
    const detector = new StabilityDetector({ mode: 'window', stability });
    const stream = Array.from({ length: 500 }, () => [750] as [number]);
    expect(feed(detector, stream, 10).slice(-1)).toEqual([true]);
  });

  it('reset() forgets what it saw: only fresh readings settle', () => {
    const detector = new StabilityDetector({ mode: 'window', stability });
    feed(detector, [[900], [900], [900], [900]]);
    detector.reset();
    expect(feed(detector, [[900], [900], [900], [900]], 200, 5000)).toEqual([false, false, false, true]);
  });

  it('says what it saw for zero and negative weights too (the gate, not the detector, refuses them)', () => {
    const detector = new StabilityDetector({ mode: 'flag', stability });
    expect(detector.push({ grams: -40, stable: true, at: 0 })).toEqual({ grams: -40, stable: true });
  });
});

describe('effective mode', () => {
  const scale = (protocol: 'mt-sics' | 'adam' | 'configurable', mode: 'auto' | 'flag' | 'window', pattern?: string) => ({
    protocol,
    stability: { ...stability, mode },
    ...(pattern ? { configurable: { pattern, request: null, terminator: '\r\n', defaultUnit: 'kg' as const, zero: null, tare: null } } : {}),
  });

  it('auto trusts the flag of protocols that have one and falls back to the window otherwise', () => {
    expect(effectiveStabilityMode(scale('mt-sics', 'auto'))).toBe('flag');
    expect(effectiveStabilityMode(scale('adam', 'auto'))).toBe('window');
    expect(effectiveStabilityMode(scale('configurable', 'auto', '(?<weight>[0-9.]+)'))).toBe('window');
    expect(effectiveStabilityMode(scale('configurable', 'auto', '(?<stable>ST|US),(?<weight>[0-9.]+)'))).toBe('flag');
  });

  it('an explicit mode wins', () => {
    expect(effectiveStabilityMode(scale('mt-sics', 'window'))).toBe('window');
    expect(effectiveStabilityMode(scale('adam', 'flag'))).toBe('flag');
    expect(protocolHasStabilityFlag({ protocol: 'configurable', configurable: undefined })).toBe(false);
  });
});

describe('effective mode from the driver', () => {
  it('the codec’s own word on a stability flag wins over the protocol table in auto mode only', () => {
    const auto = { protocol: 'mt-sics' as const, stability: { ...stability, mode: 'auto' as const } };
    expect(effectiveStabilityMode(auto, false)).toBe('window');
    expect(effectiveStabilityMode({ ...auto, protocol: 'adam' }, true)).toBe('flag');
    expect(effectiveStabilityMode({ ...auto, stability: { ...stability, mode: 'flag' } }, false)).toBe('flag');
  });
});
