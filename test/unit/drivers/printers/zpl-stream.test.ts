import { describe, expect, it } from 'vitest';
import { ZplStreamSplitter } from '../../../../drivers/printers/zpl-stream';
import type { ZplStreamEvent } from '../../../../drivers/printers/zpl-stream';

const LABEL_A = '^XA^FO50,50^A0N,40,40^FDWH/OUT/00012 #1^FS^BCN,100,Y,N,N^FD1Z999AA10123456784^FS^XZ';
const LABEL_B = '^XA^CI28^FO50,50^A0N,30,30^FDMüller Straße 5^FS^PQ1^XZ';

const feed = (chunks: Array<string | Buffer>): ZplStreamEvent[] => {
  const splitter = new ZplStreamSplitter();
  return chunks.flatMap((c) => splitter.push(c));
};

describe('ZplStreamSplitter', () => {
  it('extracts formats and host queries in stream order', () => {
    expect(feed([`~HS${LABEL_A}\r\n${LABEL_B}~HI~HQES`])).toEqual([
      { kind: 'query', query: 'HS' },
      { kind: 'label', zpl: LABEL_A },
      { kind: 'label', zpl: LABEL_B },
      { kind: 'query', query: 'HI' },
      { kind: 'query', query: 'HQES' },
    ]);
  });

  it('answers a query sent in the middle of a format and leaves the format intact', () => {
    const middle = LABEL_A.indexOf('^BC');
    expect(feed([LABEL_A.slice(0, middle) + '~HS' + LABEL_A.slice(middle)])).toEqual([
      { kind: 'query', query: 'HS' },
      { kind: 'label', zpl: LABEL_A },
    ]);
  });

  it('gives the same events at every two-chunk split of the byte stream (UTF-8 split mid-character too)', () => {
    const stream = Buffer.from(`garbage${LABEL_A}~HS${LABEL_B}~hi`, 'utf8');
    const whole = feed([stream]);
    expect(whole).toHaveLength(4);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(feed([stream.subarray(0, cut), stream.subarray(cut)]), `cut ${cut}`).toEqual(whole);
    }
  });

  it('byte by byte', () => {
    const stream = Buffer.from(`${LABEL_B}~HS${LABEL_A}`, 'utf8');
    expect(feed([...stream].map((b) => Buffer.from([b])))).toEqual([
      { kind: 'label', zpl: LABEL_B },
      { kind: 'query', query: 'HS' },
      { kind: 'label', zpl: LABEL_A },
    ]);
  });

  it('matches command names case-insensitively, as the firmware does', () => {
    expect(feed(['^xa^FDx^FS^xz~hs'])).toEqual([
      { kind: 'label', zpl: '^xa^FDx^FS^xz' },
      { kind: 'query', query: 'HS' },
    ]);
  });

  it('ignores a stray ^XZ and holds an unfinished format until its end arrives', () => {
    const splitter = new ZplStreamSplitter();
    expect(splitter.push('^XZ^XA^FDhalf')).toEqual([]);
    expect(splitter.push('^FS^XZ')).toEqual([{ kind: 'label', zpl: '^XA^FDhalf^FS^XZ' }]);
  });

  it('drops a format that outgrows the buffer and recovers on the next one', () => {
    const splitter = new ZplStreamSplitter({ maxLabelBytes: 32 });
    expect(splitter.push(`^XA${'x'.repeat(40)}`)).toEqual([]);
    expect(splitter.push(`^XZ${LABEL_A}`)).toEqual([{ kind: 'label', zpl: LABEL_A }]);
  });
});

describe('ZplStreamSplitter: ~HQOD and SGD', () => {
  const SGD = '! U1 getvar "odometer.total_label_count"\r\n';

  it('extracts ~HQOD and SGD getvar/setvar between and inside formats', () => {
    expect(feed([`~HQOD${SGD}${LABEL_A}! U1 setvar "device.languages" "zpl"\r\n`])).toEqual([
      { kind: 'query', query: 'HQOD' },
      { kind: 'sgd', verb: 'getvar', name: 'odometer.total_label_count' },
      { kind: 'label', zpl: LABEL_A },
      { kind: 'sgd', verb: 'setvar', name: 'device.languages', value: 'zpl' },
    ]);
  });

  it('finds an SGD command at every two-chunk split, also after a long idle stream', () => {
    const stream = `${'x'.repeat(300)}${SGD}${LABEL_B}`;
    const whole = feed([stream]);
    expect(whole).toEqual([
      { kind: 'sgd', verb: 'getvar', name: 'odometer.total_label_count' },
      { kind: 'label', zpl: LABEL_B },
    ]);
    for (let cut = 1; cut < stream.length; cut++) {
      expect(feed([stream.slice(0, cut), stream.slice(cut)]), `cut ${cut}`).toEqual(whole);
    }
  });
});
