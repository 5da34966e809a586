import type { ScaleProtocol } from '../../app/domain';
import { MtSicsCodec, type MtSicsOptions } from './mt-sics.codec';
import type { ScaleCodec } from './scale-protocol';
import { Toledo8217Codec, type Toledo8217Options } from './toledo-8217.codec';

/** Per-protocol codec options; a protocol added to ScaleProtocol gets its entry here. */
export interface ScaleCodecOptions {
  'mt-sics': MtSicsOptions;
  'toledo-8217': Toledo8217Options;
}

type Factories = { [P in ScaleProtocol]: (options?: ScaleCodecOptions[P]) => ScaleCodec };

/** Keyed by the config enum, so adding a protocol there fails to compile until its codec is registered here. */
const FACTORIES: Factories = {
  'mt-sics': (options) => new MtSicsCodec(options),
  'toledo-8217': (options) => new Toledo8217Codec(options),
};

export function scaleCodec<P extends ScaleProtocol>(protocol: P, options?: ScaleCodecOptions[P]): ScaleCodec {
  const factory = FACTORIES[protocol] as (options?: ScaleCodecOptions[P]) => ScaleCodec;
  return factory(options);
}

export const supportedScaleProtocols = (): ScaleProtocol[] => Object.keys(FACTORIES) as ScaleProtocol[];
