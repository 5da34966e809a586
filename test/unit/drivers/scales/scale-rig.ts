import type { Scale } from '../../../../app/ports';
import type { DeviceHealth, ScaleReading } from '../../../../app/domain';
import type { ScaleCodec } from '../../../../drivers/scales/scale-protocol';
import { SerialScale, type ScaleConfigInput } from '../../../../drivers/scales/serial-scale';
import { FakeClock } from '../../../support/fake-clock';
import { FakeOpener } from '../serial/fake-byte-link';

export interface ScaleLog {
  readings: ScaleReading[];
  states: DeviceHealth[];
}

/** Logs every reading and health change of `scale` into `log`, and hands the scale back. */
export function watchScale<S extends Scale>(scale: S, log: ScaleLog): S {
  scale.onReading((r) => log.readings.push(r));
  scale.onHealth((h) => log.states.push(h));
  return scale;
}

export interface SerialScaleRig extends ScaleLog {
  clock: FakeClock;
  opener: FakeOpener;
  /** What the scales reported through onError (bad frames, throwing listeners, failed writes). */
  errors: unknown[];
  make(over?: Partial<ScaleConfigInput>, codec?: ScaleCodec): SerialScale;
}

/** A fresh fake clock and link opener per test, and watched SerialScales on them built from `defaults`. */
export function serialScaleRig(defaults: ScaleConfigInput): SerialScaleRig {
  const clock = new FakeClock();
  const opener = new FakeOpener();
  const log: ScaleLog = { readings: [], states: [] };
  const errors: unknown[] = [];
  const make = (over: Partial<ScaleConfigInput> = {}, codec?: ScaleCodec): SerialScale =>
    watchScale(new SerialScale({ ...defaults, ...over }, { clock, open: opener.open, onError: (e) => errors.push(e), ...(codec ? { codec } : {}) }), log);
  return { clock, opener, errors, ...log, make };
}
