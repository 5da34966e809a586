import type { Clock, Scale } from '../../app/ports';
import { ScaleConfigSchema } from '../../app/domain';
import { HidScale } from './hid-scale';
import { SerialScale, type ScaleConfigInput } from './serial-scale';

export interface CreateScaleDeps {
  clock: Clock;
  onError?: (error: unknown) => void;
}

/** The scale driver for a config: USB-HID POS scales through node-hid, every other protocol over a byte link. */
export function createScale(config: ScaleConfigInput, deps: CreateScaleDeps): Scale {
  const parsed = ScaleConfigSchema.parse(config);
  return parsed.protocol === 'usb-hid' ? new HidScale(parsed, deps) : new SerialScale(parsed, deps);
}
