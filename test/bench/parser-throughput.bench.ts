/**
 * Frames per second through each serial scale codec: the protocol's own frame splitter over a byte stream cut
 * into serial-sized chunks, then `parse()` on every frame — the work a SerialScale does per byte it receives.
 *
 * Frames are the byte-exact weight vectors of test/fixtures/scales/vectors.json (manuals, open-source test
 * suites, a real capture), so every protocol is measured on what the field sends, not on a frame we made up.
 */
import { performance } from 'node:perf_hooks';
import { ConfigurableScaleSchema, type ScaleProtocol } from '../../app/domain';
import { scaleCodec, supportedScaleProtocols } from '../../drivers/scales/scale-codecs';
import type { ScaleCodec } from '../../drivers/scales/scale-protocol';
import { readFixture } from '../support/third-party-fixtures';

export interface ThroughputResult {
  protocol: ScaleProtocol;
  /** Why the protocol was not measured. */
  skipped?: string;
  framesPerSecond?: number;
  /** Share of the frames that came out as weights (the vectors are all weight frames: < 1 means a misread). */
  weightShare?: number;
  frames?: number;
}

/** Vector `protocol` names (free text in the fixture) → the config enum. */
const FAMILY: Partial<Record<ScaleProtocol, RegExp>> = {
  'mt-sics': /^MT-SICS$/,
  'toledo-8217': /^Toledo 821[37]$/,
  nci: /^NCI/,
  cas: /^(CAS 22|A&D|ST\/US)/,
  adam: /^Adam (AZextra|Highland Format 2)$/,
  // Read with the configurable codec below: the CAS-style ST/US lines.
  configurable: /^(A&D|ST\/US)/,
};

/** The configurable protocol needs a config: one a site would write for an A&D/CAS-style "ST,GS,+0.876kg" scale. */
const CONFIGURABLE = ConfigurableScaleSchema.parse({
  request: null,
  terminator: '\\r\\n',
  pattern: '^(?<stable>ST)?(?:US)?,(?:GS|NT),(?<weight>[+-]?\\d+(?:\\.\\d+)?)\\s*(?<unit>kg|g|lb|oz)',
});

interface Vector {
  protocol: string;
  response: string;
  expected: { weight?: number | null };
}

function framesFor(protocol: ScaleProtocol): Buffer[] {
  const family = FAMILY[protocol];
  if (!family) return [];
  const { vectors } = JSON.parse(readFixture('latin1', 'scales', 'vectors.json')) as { vectors: Vector[] };
  return vectors
    .filter((v) => family.test(v.protocol) && typeof v.expected.weight === 'number')
    .map((v) => Buffer.from(v.response, 'latin1'));
}

function codecFor(protocol: ScaleProtocol): ScaleCodec {
  return protocol === 'configurable' ? scaleCodec('configurable', CONFIGURABLE) : scaleCodec(protocol);
}

/** One pass: `copies` × the frames, fed in `chunk`-byte pieces as a UART driver would hand them over. */
function pass(codec: ScaleCodec, stream: Buffer, chunk: number): { frames: number; weights: number; ms: number } {
  const splitter = codec.frames();
  let frames = 0;
  let weights = 0;
  const start = performance.now();
  for (let at = 0; at < stream.length; at += chunk) {
    for (const frame of splitter.push(stream.subarray(at, at + chunk))) {
      frames += 1;
      if (codec.parse(frame).kind === 'weight') weights += 1;
    }
  }
  return { frames, weights, ms: performance.now() - start };
}

export function measureParsers(opts: { framesPerPass?: number; passes?: number; chunk?: number } = {}): ThroughputResult[] {
  const { framesPerPass = 50_000, passes = 5, chunk = 32 } = opts;
  return supportedScaleProtocols().map((protocol): ThroughputResult => {
    let codec: ScaleCodec;
    try {
      codec = codecFor(protocol);
    } catch (error) {
      return { protocol, skipped: `codec needs config (${error instanceof Error ? error.message : String(error)})` };
    }
    const vectors = framesFor(protocol);
    if (vectors.length === 0) return { protocol, skipped: 'no weight frames to feed it' };
    const copies = Math.ceil(framesPerPass / vectors.length);
    const stream = Buffer.concat(Array.from({ length: copies }, () => vectors).flat());
    pass(codec, stream, chunk); // warm-up: JIT and regex compilation are not the steady state
    const runs = Array.from({ length: passes }, () => pass(codec, stream, chunk));
    const best = runs.reduce((a, b) => (b.frames / b.ms > a.frames / a.ms ? b : a));
    return {
      protocol,
      frames: best.frames,
      framesPerSecond: (best.frames / best.ms) * 1000,
      weightShare: best.frames === 0 ? 0 : best.weights / best.frames,
    };
  });
}
