import type { Scale } from '../../app/ports';
import { ScaleConfigSchema } from '../../app/domain';
import type { ConnectedScaleDeps } from './connected-scale';
import { HidScale } from './hid-scale';
import { SerialScale, type ScaleConfigInput } from './serial-scale';

/** `log`: where frame errors go, rate-limited per device; without it they only reach `onError`. */
export type CreateScaleDeps = ConnectedScaleDeps;

/** The scale driver for a config: USB-HID POS scales through node-hid, every other protocol over a byte link. */
export function createScale(config: ScaleConfigInput, deps: CreateScaleDeps): Scale {
  const parsed = ScaleConfigSchema.parse(config);
  return parsed.protocol === 'usb-hid' ? new HidScale(parsed, deps) : new SerialScale(parsed, deps);
}
