/**
 * What a scan must look like before it reaches the packing machine. A scanner in the wrong keyboard layout, a loose
 * cable or a serial line at the wrong baud rate delivers noise; noise must not become a picking name sent to Odoo,
 * nor be shown raw.
 */
import { say, type Say } from '../i18n/language';
import { english } from '../i18n/english';

/** Longer than any picking name, product barcode or GS1 DataMatrix a packer scans (GS1 caps element strings well below). */
export const MAX_SCAN_LENGTH = 256;
/** Scans held while the machine is busy; beyond this the scanner is outrunning the station by far: refuse, visibly. */
export const MAX_QUEUED_SCANS = 50;

/** GS (FNC1 separator in GS1 codes), RS and EOT (ISO/IEC 15434 envelopes) are part of real 2D codes. */
const ALLOWED_CONTROL = new Set([0x1d, 0x1e, 0x04]);

export type ScanCheck = { ok: true; code: string } | { ok: false; reason: string };

/** U+FFFD is what bytes that are not text (a wrong baud rate, a wrong parity) decode to. */
const isControl = (c: number): boolean => ((c < 0x20 || (c >= 0x7f && c < 0xa0)) && !ALLOWED_CONTROL.has(c)) || c === 0xfffd;

/** Why a raw scan is no barcode at all, for the packer; null when it may be one. */
export function scanInputProblem(raw: string): Say | null {
  const code = raw.trim();
  if (code.length === 0) return say('packing.scanInput.empty');
  if (code.length > MAX_SCAN_LENGTH) return say('packing.scanInput.tooLong', { length: code.length, max: MAX_SCAN_LENGTH });
  for (let i = 0; i < code.length; i += 1) {
    if (isControl(code.charCodeAt(i))) return say('packing.scanInput.notText');
  }
  return null;
}

export function checkScanInput(raw: string): ScanCheck {
  const problem = scanInputProblem(raw);
  return problem === null ? { ok: true, code: raw.trim() } : { ok: false, reason: english(problem) };
}

const PRINTABLE_LENGTH = 40;

/** A scan as it may be shown or logged: control characters escaped, long codes cut. */
export function printableScan(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || (c >= 0x7f && c < 0xa0) ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
    if (out.length >= PRINTABLE_LENGTH) return `${out.slice(0, PRINTABLE_LENGTH)}…`;
  }
  return out;
}
