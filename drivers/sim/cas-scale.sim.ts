import type { ScaleResponder, SimulatedScale } from './scale-responder.sim';

/**
 * A CAS indicator in continuous mode: ignores input and streams `ST,GS,+  1.234kg CR LF` (18 bytes) for every
 * display update — `US` while unstable, `OL` over capacity, `NT` once tared.
 */
export class CasResponder implements ScaleResponder {
  constructor(private readonly scale: SimulatedScale) {}

  push(): Buffer[] {
    return [];
  }

  tick(): Buffer {
    const shown = this.scale.read();
    const state = shown.overCapacity ? 'OL' : shown.stable ? 'ST' : 'US';
    const sign = shown.grams < -0.0005 ? '-' : '+';
    const data = `${sign}${(Math.abs(shown.grams) / 1000).toFixed(3).padStart(7)}`;
    return Buffer.from(`${state},${shown.net ? 'NT' : 'GS'},${data}kg\r\n`, 'latin1');
  }
}
