import type { ConfigurableScale, ScaleProtocol } from '../../app/domain';
import { StationError } from '../../app/domain/errors';
import { AdamCodec, type AdamOptions } from './adam.codec';
import { CasCodec, type CasOptions } from './cas.codec';
import { ConfigurableCodec } from './configurable.codec';
import { MtSicsCodec, type MtSicsOptions } from './mt-sics.codec';
import { NciCodec, type NciOptions } from './nci.codec';
import type { ScaleCodec } from './scale-protocol';
import { Toledo8217Codec, type Toledo8217Options } from './toledo-8217.codec';

/** Per-protocol codec options; a protocol added to ScaleProtocol gets its entry here. */
export interface ScaleCodecOptions {
  'mt-sics': MtSicsOptions;
  'toledo-8217': Toledo8217Options;
  adam: AdamOptions;
  cas: CasOptions;
  nci: NciOptions;
  /** The station config's `scale.configurable` block: required. */
  configurable: ConfigurableScale;
  'usb-hid': never;
}

type Factories = { [P in ScaleProtocol]: (options?: ScaleCodecOptions[P]) => ScaleCodec };

/** Keyed by the config enum, so adding a protocol there fails to compile until its codec is registered here. */
const FACTORIES: Factories = {
  'mt-sics': (options) => new MtSicsCodec(options),
  'toledo-8217': (options) => new Toledo8217Codec(options),
  adam: (options) => new AdamCodec(options),
  cas: (options) => new CasCodec(options),
  nci: (options) => new NciCodec(options),
  configurable: (options) => {
    if (!options) throw new StationError('CONFIG', 'protocol "configurable" needs the scale.configurable block');
    return new ConfigurableCodec(options);
  },
  'usb-hid': () => {
    throw new StationError('CONFIG', 'usb-hid is a USB HID report protocol, not a serial one: use createScale()');
  },
};

export function scaleCodec<P extends ScaleProtocol>(protocol: P, options?: ScaleCodecOptions[P]): ScaleCodec {
  const factory = FACTORIES[protocol] as (options?: ScaleCodecOptions[P]) => ScaleCodec;
  return factory(options);
}

/** The protocols spoken over a byte stream (serial port or device server). */
export const supportedScaleProtocols = (): ScaleProtocol[] => (Object.keys(FACTORIES) as ScaleProtocol[]).filter((p) => p !== 'usb-hid');
