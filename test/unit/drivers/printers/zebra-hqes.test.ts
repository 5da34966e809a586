import { describe, expect, it } from 'vitest';
import {
  HQES_ERROR_BITS,
  collectHqes,
  formatHqes,
  hqesToPrinterStatus,
  parseHqes,
} from '../../../../drivers/printers/zebra-hqes';
import type { ExtendedStatus } from '../../../../drivers/printers/zebra-hqes';
import { isFrameError } from '../../../../drivers/printers/zebra-host-status';
import { readFixture } from '../../../support/third-party-fixtures';

// HQES-01/02 are real replies (Ladder99, MIT), HQES-03 the guide's "No Error" row; see test/fixtures/zebra-status/SOURCE.md.
const fixture = JSON.parse(readFixture('utf8', 'zebra-status', 'status_vectors.json')) as {
  vectors: Array<{ id: string; response: string }>;
};
const vector = (id: string): string => {
  const found = fixture.vectors.find((v) => v.id === id);
  if (!found) throw new Error(`no vector ${id}`);
  return found.response;
};

const parsed = (text: string): ExtendedStatus => {
  const result = parseHqes(text);
  if (isFrameError(result)) throw new Error(result.reason);
  return result;
};

describe('~HQES extended status', () => {
  it('HQES-01 (real capture, framed): head open + paused; warning sensor 5 (presenter)', () => {
    const status = parsed(vector('HQES-01'));
    expect(status.errors).toEqual({ present: true, group2: 0, group1: 0x10004, flags: ['head_open', 'paused'], unknownBits: 0 });
    expect(status.warnings.flags).toEqual(['sensor_5_presenter']);
    expect(hqesToPrinterStatus(status)).toEqual({ status: { ready: false, faults: ['head_open', 'paused'] }, otherErrors: [] });
  });

  it('HQES-02 (real text, whitespace collapsed): media out + head open; warning clean printhead', () => {
    const status = parsed(vector('HQES-02'));
    expect(status.errors.flags).toEqual(['media_out', 'head_open']);
    expect(status.warnings.flags).toEqual(['clean_printhead']);
    expect(hqesToPrinterStatus(status).status).toEqual({ ready: false, faults: ['paper_out', 'head_open'] });
  });

  it('HQES-03 (no error): ready', () => {
    const status = parsed(vector('HQES-03'));
    expect(status.errors).toMatchObject({ present: false, flags: [] });
    expect(hqesToPrinterStatus(status).status).toEqual({ ready: true, faults: [] });
  });

  it('decodes every row of the guide’s error table (Table 14), one bit at a time', () => {
    for (const [bit, name] of HQES_ERROR_BITS) {
      expect(parsed(formatHqes(bit)).errors.flags, name).toEqual([name]);
    }
    expect(HQES_ERROR_BITS).toHaveLength(18);
  });

  it('maps ribbon out, over temperature; names errors the station has no fault for; keeps unknown bits', () => {
    expect(hqesToPrinterStatus(parsed(formatHqes(0x2 | 0x10))).status).toEqual({ ready: false, faults: ['ribbon_out', 'over_temperature'] });
    expect(hqesToPrinterStatus(parsed(formatHqes(0x8)))).toEqual({ status: { ready: false, faults: [] }, otherErrors: ['cutter_fault'] });
    const unknown = parsed(formatHqes(0x400000));
    expect(unknown.errors).toMatchObject({ flags: [], unknownBits: 0x400000 });
    expect(hqesToPrinterStatus(unknown).status.ready).toBe(false);
  });

  it('collects a reply split anywhere, and rejects text without an ERRORS line', () => {
    const reply = vector('HQES-01');
    for (let cut = 1; cut < reply.length; cut++) {
      expect(collectHqes(reply.slice(0, cut)), `cut ${cut}`).toBeNull();
    }
    expect(collectHqes(`\r\n${reply}`)).toMatchObject({ errors: { flags: ['head_open', 'paused'] } });
    expect(parseHqes('\x02PRINTER STATUS\x03')).toMatchObject({ kind: 'frame-error' });
  });
});
