import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  HostStatusCollector,
  decodeCommSettings,
  isFrameError,
  parseHostStatus,
  toPrinterStatus,
} from '../../../../drivers/printers/zebra-host-status';
import type { HostStatus } from '../../../../drivers/printers/zebra-host-status';
import { encodeHostStatus } from '../../../../drivers/sim/zebra-host-status.sim';
import fixture from '../../../fixtures/zebra-status/status_vectors.json';

const VectorSchema = z.object({ id: z.string(), command: z.string(), response: z.string(), expected: z.unknown() });
const vectors = z.object({ vectors: z.array(VectorSchema) }).parse(fixture).vectors;
const hsVectors = vectors.filter((v) => v.id.startsWith('HS-'));
const framed = hsVectors.filter((v) => v.command === '~HS');

/** The fixture uses the guide's snake_case names; our type uses camelCase for the same fields. */
const camelize = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(camelize);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), camelize(v)]),
  );
};

const expectStatus = (result: ReturnType<typeof parseHostStatus>): HostStatus => {
  if (isFrameError(result)) throw new Error(`frame error: ${result.reason}`);
  return result;
};

describe('parseHostStatus', () => {
  it('covers the fixture: 4 framed ~HS replies and 1 SGD host_status', () => {
    expect(framed).toHaveLength(4);
    expect(hsVectors).toHaveLength(5);
  });

  it.each(hsVectors.map((v) => [v.id, v] as const))('%s parses to the documented fields', (_id, vector) => {
    expect(expectStatus(parseHostStatus(vector.response))).toEqual(camelize(vector.expected));
  });

  it('accepts the bytes as a Buffer', () => {
    const vector = framed[0]!;
    expect(parseHostStatus(Buffer.from(vector.response, 'latin1'))).toEqual(camelize(vector.expected));
  });

  it.each(framed.map((v) => [v.id, v] as const))('%s round-trips through the encoder byte for byte', (_id, vector) => {
    expect(encodeHostStatus(expectStatus(parseHostStatus(vector.response)))).toBe(vector.response);
  });

  it('rejects a reply with only two strings', () => {
    const result = parseHostStatus('\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n');
    expect(isFrameError(result) && result.reason).toMatch(/expected 3/);
  });

  it('rejects a flag that is not 0/1 and a non-numeric field, naming the string', () => {
    const badFlag = parseHostStatus('\x02030,2,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n');
    expect(isFrameError(badFlag) && badFlag.reason).toMatch(/string 1/);
    const badNumber = parseHostStatus('\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,0000x000,1,000\x03\r\n\x021234,0\x03\r\n');
    expect(isFrameError(badNumber) && badNumber.reason).toMatch(/string 2/);
  });

  it('ignores fields a later firmware appends', () => {
    const result = parseHostStatus('\x02030,0,0,1218,000,0,0,0,000,0,0,0,9\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000,7\x03\r\n\x021234,0\x03\r\n');
    expect(isFrameError(result)).toBe(false);
  });

  it('decodes the communication bits (a8,a2..a0 baud; a7 handshake; a6 parity; a5 enable; a4 stop; a3 data)', () => {
    // a8=1,a2..a0=001 → 1001 = 38400; a7 DTR; a6 even; a5 on; a4=0 → 2 stop; a3=0 → 7 data.
    expect(decodeCommSettings(0b111100001)).toEqual({
      baud: 38400,
      handshake: 'DTR',
      parity: 'even',
      parityEnabled: true,
      stopBits: 2,
      dataBits: 7,
    });
    expect(decodeCommSettings(0b100001111).baud).toBeNull();
  });
});

describe('HostStatusCollector', () => {
  it.each(framed.map((v) => [v.id, v] as const))('%s: same result at every two-chunk split', (_id, vector) => {
    const expected = camelize(vector.expected);
    for (let cut = 1; cut < vector.response.length; cut++) {
      const collector = new HostStatusCollector();
      const first = collector.push(vector.response.slice(0, cut));
      const second = collector.push(vector.response.slice(cut));
      // The reply is complete at the third ETX; the trailing CR LF may still be in flight.
      const etx3 = vector.response.lastIndexOf('\x03') + 1;
      if (cut >= etx3) {
        expect(first, `cut ${cut}`).toEqual(expected);
        expect(second, `cut ${cut}`).toBeNull();
      } else {
        expect(first, `cut ${cut}`).toBeNull();
        expect(second, `cut ${cut}`).toEqual(expected);
      }
    }
  });

  it.each(framed.map((v) => [v.id, v] as const))('%s: same result at every three-chunk split', (_id, vector) => {
    const expected = camelize(vector.expected);
    const text = vector.response;
    for (let a = 1; a < text.length - 1; a++) {
      for (let b = a + 1; b < text.length; b++) {
        const collector = new HostStatusCollector();
        const results = [text.slice(0, a), text.slice(a, b), text.slice(b)].map((c) => collector.push(c)).filter((r) => r !== null);
        expect(results, `cuts ${a},${b}`).toEqual([expected]);
      }
    }
  });

  it('byte by byte, as Buffers', () => {
    const vector = framed[1]!;
    const collector = new HostStatusCollector();
    const bytes = Buffer.from(vector.response, 'latin1');
    const results = [...bytes].map((b) => collector.push(Buffer.from([b]))).filter((r) => r !== null);
    expect(results).toEqual([camelize(vector.expected)]);
  });

  it('drops noise before the first STX and keeps a second reply for the next result', () => {
    const [one, two] = [framed[0]!, framed[1]!];
    const collector = new HostStatusCollector();
    expect(collector.push(`\r\n garbage ${one.response}${two.response.slice(0, 10)}`)).toEqual(camelize(one.expected));
    expect(collector.push(two.response.slice(10))).toEqual(camelize(two.expected));
  });

  it('gives up with a FrameError instead of growing without bound', () => {
    const collector = new HostStatusCollector({ maxBytes: 64 });
    const result = collector.push(`\x02${'x'.repeat(100)}`);
    expect(isFrameError(result)).toBe(true);
    expect(collector.push(framed[1]!.response)).toEqual(camelize(framed[1]!.expected));
  });
});

describe('toPrinterStatus', () => {
  const byId = (id: string): HostStatus => expectStatus(parseHostStatus(vectors.find((v) => v.id === id)!.response));

  it('HS-01 (real capture): paper out, ribbon out and paused; 100 labels left in the batch', () => {
    expect(toPrinterStatus(byId('HS-01'))).toEqual({ ready: false, faults: ['paper_out', 'ribbon_out', 'paused'], labelsWaiting: 100 });
  });

  it('HS-02: idle and ready', () => {
    expect(toPrinterStatus(byId('HS-02'))).toEqual({ ready: true, faults: [], labelsWaiting: 0 });
  });

  it('HS-03: head up', () => {
    expect(toPrinterStatus(byId('HS-03')).faults).toEqual(['head_open']);
  });

  it('HS-04: buffer full and over temperature; 2 buffered formats + 3 in the batch wait', () => {
    expect(toPrinterStatus(byId('HS-04'))).toEqual({ ready: false, faults: ['buffer_full', 'over_temperature'], labelsWaiting: 5 });
  });

  it('reports under temperature', () => {
    const hs = byId('HS-02');
    expect(toPrinterStatus({ ...hs, string1: { ...hs.string1, underTemperature: true } }).faults).toEqual(['under_temperature']);
  });
});
