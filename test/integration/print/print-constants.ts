/** Shared by the in-process tests and the child station process of the restart test (which must not load vitest). */
import type { PrintRequest } from '../../../app/domain';

export const POLICY = { statusPollMs: 50, maxAutoAttempts: 5, confirmTimeoutMs: 3_000, proofSettleMs: 150, stopTimeoutMs: 3_000 };
export const STATUS_TIMEOUT_MS = 250;

export const zpl = (n: number): string => `^XA^FO50,50^A0N,40,40^FDParcel ${n}^FS^BCN,100,Y,N,N^FD1Z999AA1012345678${n}^FS^XZ`;

export const labelRequest = (n: number): PrintRequest => ({
  kind: 'shipping-label',
  target: 'label',
  pickingId: 12,
  parcelIndex: n,
  data: zpl(n),
});
