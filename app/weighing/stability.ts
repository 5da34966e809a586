import type { ScaleConfig, ScaleProtocol, ScaleReading, Stability } from '../domain';

/** What the stability detector concludes about the latest reading. */
export interface Settled {
  grams: number;
  stable: boolean;
  resolutionG?: number;
}

export type EffectiveStabilityMode = 'flag' | 'window';

/**
 * Protocols whose frames carry a motion/stability indication of their own. Adam's print format and the bare
 * CAS/Gram-Precision continuous formats have none, so their drivers cannot tell a box still swinging from a
 * settled one: only a window of agreeing readings can.
 */
const FLAGGED: Readonly<Record<ScaleProtocol, boolean>> = {
  'mt-sics': true,
  'toledo-8217': true,
  nci: true,
  cas: true,
  'usb-hid': true,
  adam: false,
  configurable: false,
};

/** A configurable protocol has a flag only if its pattern names a `stable` or `motion` group. */
export function protocolHasStabilityFlag(scale: Pick<ScaleConfig, 'protocol' | 'configurable'>): boolean {
  if (scale.protocol === 'configurable') return /\(\?<(stable|motion)>/.test(scale.configurable?.pattern ?? '');
  return FLAGGED[scale.protocol] ?? false;
}

/**
 * `auto` trusts the protocol's flag when it has one (the scale's own filter knows its load cell better than we
 * do, and waiting for a window on top would only add latency), and falls back to the window otherwise.
 */
export function effectiveStabilityMode(
  scale: Pick<ScaleConfig, 'protocol' | 'configurable' | 'stability'>,
  /** What the driver knows from its codec, when it says; it wins over the table above. */
  reportsStability?: boolean,
): EffectiveStabilityMode {
  if (scale.stability.mode !== 'auto') return scale.stability.mode;
  return (reportsStability ?? protocolHasStabilityFlag(scale)) ? 'flag' : 'window';
}

/**
 * Decides whether the weight on the platter has settled.
 *
 * - `flag`: the reading's own stable flag decides.
 * - `window`: at least `readings` consecutive readings, spanning at least `windowMs`, all within ±`toleranceG` of
 *   the band's centre (max − min ≤ 2·toleranceG). "At least" rather than "within" windowMs: a scale polled once a
 *   second must still settle, and a 10 Hz stream must not call a box stable after 200 ms of swinging.
 *   A reading marked unstable (motion) empties the window, so a flagged protocol in window mode needs both.
 *
 * The grams reported while stable are the latest reading's: the band already bounds how far that can be off.
 */
export class StabilityDetector {
  private window: ScaleReading[] = [];

  constructor(private readonly opts: { mode: EffectiveStabilityMode; stability: Stability }) {}

  push(reading: ScaleReading): Settled {
    const settled = (stable: boolean): Settled =>
      reading.resolutionG === undefined
        ? { grams: reading.grams, stable }
        : { grams: reading.grams, stable, resolutionG: reading.resolutionG };
    if (this.opts.mode === 'flag') return settled(reading.stable);
    if (!reading.stable) {
      this.window = [];
      return settled(false);
    }
    this.window.push(reading);
    this.trim();
    return settled(this.isSettled());
  }

  /** Forget everything seen: the next decision needs fresh readings. */
  reset(): void {
    this.window = [];
  }

  private trim(): void {
    const band = 2 * this.opts.stability.toleranceG;
    // Oldest readings leave first: the newest one always belongs to the weight on the platter now.
    while (this.window.length > 1 && spread(this.window) > band) this.window.shift();
    // Beyond N readings older than windowMs add nothing and would grow without bound on a continuous stream.
    const { readings, windowMs } = this.opts.stability;
    const last = this.window[this.window.length - 1];
    while (last && this.window.length > readings && (this.window[1]?.at ?? Infinity) <= last.at - windowMs) this.window.shift();
  }

  private isSettled(): boolean {
    const first = this.window[0];
    const last = this.window[this.window.length - 1];
    if (!first || !last) return false;
    return this.window.length >= this.opts.stability.readings && last.at - first.at >= this.opts.stability.windowMs;
  }
}

function spread(readings: readonly ScaleReading[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const r of readings) {
    min = Math.min(min, r.grams);
    max = Math.max(max, r.grams);
  }
  return max - min;
}
