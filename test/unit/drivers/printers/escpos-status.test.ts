import { describe, expect, it } from 'vitest';
import {
  DLE_EOT_REQUEST,
  collectDleEot,
  encodeDleEot,
  escPosToPrinterStatus,
  parseDleEot,
} from '../../../../drivers/printers/escpos-status';
import type { EscPosStatus } from '../../../../drivers/printers/escpos-status';
import { isFrameError } from '../../../../drivers/printers/zebra-host-status';

const replyFor = (s: Partial<EscPosStatus>): Uint8Array => Uint8Array.from([1, 2, 3, 4].map((n) => encodeDleEot(n as 1 | 2 | 3 | 4, s)));
const parse = (bytes: Uint8Array): EscPosStatus => {
  const r = parseDleEot(bytes);
  if (isFrameError(r)) throw new Error(r.reason);
  return r;
};

describe('ESC/POS DLE EOT status', () => {
  it('asks n = 1, 2, 3, 4', () => {
    expect([...DLE_EOT_REQUEST]).toEqual([0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 3, 0x10, 4, 4]);
  });

  it('a ready printer answers 0x12 four times (fixed bits 1 and 4)', () => {
    expect([...replyFor({})]).toEqual([0x12, 0x12, 0x12, 0x12]);
    expect(escPosToPrinterStatus(parse(replyFor({})))).toEqual({ status: { ready: true, faults: [] }, otherErrors: [] });
  });

  it('paper end: offline (0x1A), printing stopped by paper end (0x32), sensor paper end (0x72)', () => {
    const bytes = Uint8Array.from([0x1a, 0x32, 0x12, 0x72]);
    expect(parse(bytes)).toMatchObject({ offline: true, paperEndStop: true, paperEnd: true, paperNearEnd: false });
    expect(escPosToPrinterStatus(parse(bytes)).status).toEqual({ ready: false, faults: ['paper_out'] });
  });

  it('cover open (0x16), near end only (0x1E) is still ready, auto-recoverable error is a hot head', () => {
    expect(escPosToPrinterStatus(parse(Uint8Array.from([0x1a, 0x16, 0x12, 0x12]))).status.faults).toEqual(['head_open']);
    expect(escPosToPrinterStatus(parse(Uint8Array.from([0x12, 0x12, 0x12, 0x1e]))).status).toEqual({ ready: true, faults: [] });
    expect(escPosToPrinterStatus(parse(Uint8Array.from([0x1a, 0x52, 0x52, 0x12]))).status.faults).toEqual(['over_temperature']);
  });

  it('cutter error: not ready, named for the operator', () => {
    const { status, otherErrors } = escPosToPrinterStatus(parse(replyFor({ offline: true, error: true, cutterError: true })));
    expect(status).toEqual({ ready: false, faults: [] });
    expect(otherErrors[0]).toMatch(/cutter/);
  });

  it('collects four status bytes across chunks, skipping noise; rejects non-status bytes', () => {
    expect(collectDleEot(Uint8Array.from([0x12, 0x12]))).toBeNull();
    expect(collectDleEot(Uint8Array.from([0x00, 0x12, 0xff, 0x16, 0x12, 0x12]))).toMatchObject({ coverOpen: true });
    expect(parseDleEot(Uint8Array.from([0x12, 0x12, 0x12]))).toMatchObject({ kind: 'frame-error' });
    expect(parseDleEot(Uint8Array.from([0x41, 0x42, 0x43, 0x44]))).toMatchObject({ kind: 'frame-error' });
  });
});
