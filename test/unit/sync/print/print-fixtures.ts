import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintRequest } from '../../../../app/domain';
import type { Ids } from '../../../../app/ports';

export function tempDb(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'station-print-'));
  return { file: join(dir, 'station.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sequentialIds(prefix = 'job'): Ids {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
}

export const label = (n: number, over: Partial<PrintRequest> = {}): PrintRequest => ({
  kind: 'shipping-label',
  target: 'label',
  pickingId: 12,
  parcelIndex: n,
  data: `^XA^FO50,50^FDParcel ${n}^FS^XZ`,
  ...over,
});

export { FakeLabelPrinter } from './label-printer.fake';
export { FakeSlipPrinter } from './slip-printer.fake';
