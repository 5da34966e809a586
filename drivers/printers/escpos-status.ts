/**
 * ESC/POS real-time status (`DLE EOT n`, 10 04 n) as a pure protocol. Each request is answered by one byte whose bit 1
 * and bit 4 are always 1 and bits 0 and 7 always 0 (Epson ESC/POS reference, DLE EOT; same table in Bixolon and
 * Epson TM-U220 manuals):
 * - n=1 printer status: bit 3 offline;
 * - n=2 offline cause: bit 2 cover open, bit 3 paper fed by the FEED button, bit 5 printing stopped by paper end,
 *   bit 6 error;
 * - n=3 error cause: bit 3 autocutter error, bit 5 unrecoverable error, bit 6 auto-recoverable error (head too hot);
 * - n=4 roll paper sensor: bits 2+3 paper near end, bits 5+6 paper end.
 */
import type { PrinterFault, PrinterStatus } from '../../app/domain';
import type { FrameError } from './zebra-host-status';

export const DLE_EOT_REQUEST = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04]);

export interface EscPosStatus {
  offline: boolean;
  coverOpen: boolean;
  feedButton: boolean;
  paperEndStop: boolean;
  error: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
  paperNearEnd: boolean;
  paperEnd: boolean;
}

/** A reply byte must look like one: fixed bits 1 and 4 set, 0 and 7 clear. */
export const isStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;

const bit = (byte: number, n: number): boolean => ((byte >> n) & 1) === 1;

/** The four bytes answering DLE_EOT_REQUEST, in order. */
export function parseDleEot(reply: Uint8Array): EscPosStatus | FrameError {
  const raw = Buffer.from(reply).toString('hex');
  if (reply.length < 4) return { kind: 'frame-error', reason: `expected 4 status bytes, got ${reply.length}`, raw };
  const [printer = 0, offline = 0, error = 0, paper = 0] = reply;
  if (![printer, offline, error, paper].every(isStatusByte)) return { kind: 'frame-error', reason: 'not ESC/POS status bytes', raw };
  return {
    offline: bit(printer, 3),
    coverOpen: bit(offline, 2),
    feedButton: bit(offline, 3),
    paperEndStop: bit(offline, 5),
    error: bit(offline, 6),
    cutterError: bit(error, 3),
    unrecoverableError: bit(error, 5),
    autoRecoverableError: bit(error, 6),
    paperNearEnd: bit(paper, 2) || bit(paper, 3),
    paperEnd: bit(paper, 5) || bit(paper, 6),
  };
}

/** Collects reply bytes, skipping anything that is not a status byte, until four arrived. */
export function collectDleEot(buffered: Uint8Array): EscPosStatus | FrameError | null {
  const bytes = [...buffered].filter(isStatusByte);
  return bytes.length >= 4 ? parseDleEot(Uint8Array.from(bytes.slice(0, 4))) : null;
}

/** Faults the station knows, plus words for the errors it has no fault for (cutter jam, hardware). */
export function escPosToPrinterStatus(s: EscPosStatus): { status: PrinterStatus; otherErrors: string[] } {
  const faults: PrinterFault[] = [];
  if (s.paperEnd || s.paperEndStop) faults.push('paper_out');
  if (s.coverOpen) faults.push('head_open');
  if (s.autoRecoverableError) faults.push('over_temperature');
  const otherErrors: string[] = [];
  if (s.cutterError) otherErrors.push('Slip printer cutter jammed: open the cover and clear the paper');
  if (s.unrecoverableError) otherErrors.push('Slip printer hardware error: switch it off and on');
  // Offline with no named cause (FEED held, or a cause the printer does not report): the operator must look.
  if (s.offline && faults.length === 0 && otherErrors.length === 0 && !s.feedButton) faults.push('paused');
  return { status: { ready: faults.length === 0 && otherErrors.length === 0 && !s.offline, faults }, otherErrors };
}

/** The reply a printer in state `s` gives, for the simulator. */
export function encodeDleEot(n: 1 | 2 | 3 | 4, s: Partial<EscPosStatus>): number {
  const on = (flag: boolean | undefined, mask: number): number => (flag ? mask : 0);
  switch (n) {
    case 1:
      return 0x12 | on(s.offline, 0x08);
    case 2:
      return 0x12 | on(s.coverOpen, 0x04) | on(s.feedButton, 0x08) | on(s.paperEndStop, 0x20) | on(s.error, 0x40);
    case 3:
      return 0x12 | on(s.cutterError, 0x08) | on(s.unrecoverableError, 0x20) | on(s.autoRecoverableError, 0x40);
    case 4:
      return 0x12 | on(s.paperNearEnd, 0x0c) | on(s.paperEnd, 0x60);
  }
}
