/**
 * Property tests of every scale parser (fast-check). Three properties per protocol:
 * 1. 10,000 random byte streams, cut into random chunks, never make the splitter or the parser throw;
 * 2. 10,000 random streams over an alphabet without digits never yield a weight: every protocol's weight field
 *    needs at least one digit, so a weight read from such a stream would be invented from garbage;
 * 3. valid frames (rendered as the protocol documents specify) interleaved with self-terminated garbage yield
 *    exactly the frames' weights and stability flags, in order, whatever the chunking.
 * The HID POS report parser gets the same treatment on single reports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHidScaleReport } from '../../../../drivers/scales/hid-pos-report';
import { SAMPLE_CONFIGURABLE_SCALE } from '../../../../drivers/sim/configurable-scale.sim';
import { scaleCodec } from '../../../../drivers/scales/scale-codecs';
import type { ScaleCodec } from '../../../../drivers/scales/scale-protocol';

const RUNS = 10_000;
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;

interface Rendered {
  bytes: string;
  grams: number;
  stable: boolean;
}

interface Protocol {
  codec: () => ScaleCodec;
  /** Ends a garbage run so it cannot glue onto the next valid frame. */
  end: string;
  /** Bytes garbage must avoid besides digits (frame starts, delimiters). */
  avoid: number[];
  /** `value` is a whole number of tenths of a gram in g protocols, of grams in kg protocols. */
  render: (value: number, stable: boolean) => Rendered;
}

const PROTOCOLS: Record<string, Protocol> = {
  'mt-sics': {
    codec: () => scaleCodec('mt-sics'),
    end: '\r\n',
    avoid: [0x0d, 0x0a],
    render: (n, stable) => ({ bytes: `S ${stable ? 'S' : 'D'} ${(n / 10).toFixed(2).padStart(10)} g\r\n`, grams: n / 10, stable }),
  },
  'toledo-8217': {
    codec: () => scaleCodec('toledo-8217'),
    end: '\r',
    avoid: [0x02, 0x0d],
    // The 8217 sends weights only when stable (motion is a status record).
    render: (v) => ({ bytes: `\x02${(Math.abs(v) / 1000).toFixed(3).padStart(6, '0')}\r`, grams: Math.abs(v), stable: true }),
  },
  adam: {
    codec: () => scaleCodec('adam'),
    end: '\r\n',
    avoid: [0x0a],
    render: (v) => ({ bytes: `${v < 0 ? '-' : ' '}${(Math.abs(v) / 1000).toFixed(3).padStart(8)}kg\r\n`, grams: v, stable: true }),
  },
  cas: {
    codec: () => scaleCodec('cas'),
    end: '\r\n',
    avoid: [0x0a],
    render: (v, stable) => ({
      bytes: `${stable ? 'ST' : 'US'},GS,${v < 0 ? '-' : '+'}${(Math.abs(v) / 1000).toFixed(3).padStart(7)}kg\r\n`,
      grams: v,
      stable,
    }),
  },
  nci: {
    codec: () => scaleCodec('nci'),
    end: '\x03',
    avoid: [0x03],
    render: (v, stable) => ({
      bytes: `\n${v < 0 ? '-' : ''}${(Math.abs(v) / 1000).toFixed(3).padStart(7, '0')}kg\r\n${stable ? '0' : '1'}0\r\x03`,
      grams: v,
      stable,
    }),
  },
  configurable: {
    codec: () => scaleCodec('configurable', SAMPLE_CONFIGURABLE_SCALE),
    end: '\r\n',
    avoid: [0x0d, 0x0a],
    render: (n, stable) => ({ bytes: `${(n / 10).toFixed(2).padStart(12)} g${stable ? '    ' : '   ?'}\r\n`, grams: n / 10, stable }),
  },
};

/** Splits a stream at the given cut points, so frames arrive in arbitrary chunks. */
function chunked(stream: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, stream.length]) {
    chunks.push(stream.subarray(from, point));
    from = point;
  }
  return chunks;
}

function weights(codec: ScaleCodec, chunks: Buffer[]): { grams: number; stable: boolean }[] {
  const splitter = codec.frames();
  const out: { grams: number; stable: boolean }[] = [];
  for (const chunk of chunks) {
    for (const frame of splitter.push(chunk)) {
      const parsed = codec.parse(frame);
      if (parsed.kind === 'weight') out.push({ grams: parsed.grams, stable: parsed.stable });
    }
  }
  return out;
}

const cuts = fc.array(fc.nat(200), { maxLength: 6 });

describe.each(Object.entries(PROTOCOLS))('%s parser under fuzzing', (_name, protocol) => {
  const codec = protocol.codec();

  it('never throws on random bytes in random chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), cuts, (bytes, at) => {
        weights(codec, chunked(Buffer.from(bytes), at));
      }),
      { numRuns: RUNS },
    );
  });

  it('never reads a weight from a stream without digits', () => {
    const noDigit = fc.integer({ min: 0, max: 255 }).filter((b) => !isDigit(b));
    fc.assert(
      fc.property(fc.array(noDigit, { maxLength: 96 }), cuts, (bytes, at) => {
        expect(weights(codec, chunked(Buffer.from(bytes), at))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads exactly the valid frames interleaved with garbage', () => {
    const garbageByte = fc.integer({ min: 0, max: 255 }).filter((b) => !isDigit(b) && !protocol.avoid.includes(b));
    const garbage = fc.array(garbageByte, { maxLength: 24 }).map((bytes) => Buffer.concat([Buffer.from(bytes), Buffer.from(protocol.end, 'latin1')]));
    const frame = fc.record({ value: fc.integer({ min: -99_999, max: 99_999 }), stable: fc.boolean() }).map(({ value, stable }) => protocol.render(value, stable));
    const item = fc.oneof(frame, garbage);
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), cuts, (items, at) => {
        const stream = Buffer.concat(items.map((i) => (Buffer.isBuffer(i) ? i : Buffer.from(i.bytes, 'latin1'))));
        const expected = items.filter((i): i is Rendered => !Buffer.isBuffer(i)).map(({ grams, stable }) => ({ grams, stable }));
        expect(weights(codec, chunked(stream, at))).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('HID POS report parser under fuzzing', () => {
  it('never throws on random reports', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        parseHidScaleReport(Buffer.from(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('never reads a weight from a report that is not a scale data report with a weighing status', () => {
    const report = fc.uint8Array({ minLength: 0, maxLength: 12 }).filter((b) => b[0] !== 3 || b.length < 6 || !(b[1] !== undefined && b[1] >= 2 && b[1] <= 4));
    fc.assert(
      fc.property(report, (bytes) => {
        expect(parseHidScaleReport(Buffer.from(bytes)).kind).not.toBe('weight');
      }),
      { numRuns: RUNS },
    );
  });

  it('reads raw × 10^exponent in the report’s unit for every valid data report', () => {
    const GRAMS: Record<number, number> = { 2: 1, 3: 1000, 11: 28.349523125, 12: 453.59237 };
    const valid = fc.record({
      status: fc.integer({ min: 2, max: 4 }),
      unit: fc.constantFrom(2, 3, 11, 12),
      exponent: fc.integer({ min: -4, max: 2 }),
      raw: fc.integer({ min: 0, max: 0xffff }),
    });
    fc.assert(
      fc.property(valid, ({ status, unit, exponent, raw }) => {
        const frame = parseHidScaleReport(Buffer.from([3, status, unit, exponent & 0xff, raw & 0xff, raw >> 8]));
        expect(frame).toMatchObject({ kind: 'weight', stable: status !== 3 });
        if (frame.kind === 'weight') expect(frame.grams).toBeCloseTo(raw * 10 ** exponent * (GRAMS[unit] ?? NaN), 2);
      }),
      { numRuns: 2_000 },
    );
  });
});
