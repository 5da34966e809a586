/**
 * The printer's own counters, asked two ways:
 * - SGD `! U1 getvar "odometer.total_label_count"` → `"1234"`: labels printed over the printer's life (Link-OS and
 *   later x.14+ firmware). A printer that does not know the variable answers `"?"`; one without SGD stays silent.
 * - `~HQOD` → "PRINT METERS / TOTAL NONRESETTABLE: 8560 \" / USER RESETTABLE CNTR1: 9 \" / …": a print LENGTH in
 *   inches (`"`) or centimetres, set by `^MA` (Zebra Programming Guide P1012728-011, ~HQ example 7). It is not a label
 *   count, so it is parsed as what it is and never passed off as one.
 */
import type { FrameError } from './zebra-host-status';
import { ETX, STX } from './zebra-host-status';

export const SGD_LABEL_COUNT_VARIABLE = 'odometer.total_label_count';

/** SGD commands end with CR LF; the variable name is quoted. */
export const sgdGetvar = (name: string): string => `! U1 getvar "${name}"\r\n`;

/** The quoted value of an SGD reply once its closing quote arrived; null while incomplete. */
export function collectSgdValue(buffered: string): string | null {
  const match = /"([^"]*)"/.exec(buffered);
  return match ? (match[1] ?? '') : null;
}

/** `"1234"` → 1234; `"?"` (unknown variable) or anything that is not a whole number → null. */
export function parseLabelCount(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const count = Number(trimmed);
  return Number.isSafeInteger(count) ? count : null;
}

export const formatSgdValue = (value: string): string => `"${value}"\r\n`;

export interface PrintMeter {
  value: number;
  /** `in` for `"`, `cm`; null when the printer printed no unit. */
  unit: 'in' | 'cm' | null;
}

export interface PrintMeters {
  totalNonResettable: PrintMeter | null;
  userResettable1: PrintMeter | null;
  userResettable2: PrintMeter | null;
}

const METER = (label: string): RegExp => new RegExp(`${label}:\\s*([\\d,]+)\\s*("|cm|CM|in|IN)?`);

function meter(text: string, label: string): PrintMeter | null {
  const match = METER(label).exec(text);
  if (!match?.[1]) return null;
  const unitText = (match[2] ?? '').toLowerCase();
  const unit = unitText === '"' || unitText === 'in' ? 'in' : unitText === 'cm' ? 'cm' : null;
  return { value: Number(match[1].replace(/,/g, '')), unit };
}

export function parseHqod(input: string | Buffer): PrintMeters | FrameError {
  const raw = typeof input === 'string' ? input : input.toString('latin1');
  const meters: PrintMeters = {
    totalNonResettable: meter(raw, 'TOTAL NONRESETTABLE'),
    userResettable1: meter(raw, 'USER RESETTABLE CNTR1'),
    userResettable2: meter(raw, 'USER RESETTABLE CNTR2'),
  };
  if (!meters.totalNonResettable) return { kind: 'frame-error', reason: '~HQOD reply without TOTAL NONRESETTABLE', raw };
  return meters;
}

/** Complete once the framed reply closed (ETX); null while incomplete. */
export function collectHqod(buffered: string): PrintMeters | FrameError | null {
  const start = buffered.indexOf(STX);
  if (start < 0) return null;
  const end = buffered.indexOf(ETX, start);
  return end < 0 ? null : parseHqod(buffered.slice(start, end + 1));
}

/** The reply layout of a real printer (TVS LP 46 capture and the Zebra guide's example), inches. */
export function formatHqod(totalInches: number, cntr1Inches = totalInches, cntr2Inches = totalInches): string {
  const row = (label: string, inches: number): string => `   ${label}:`.padEnd(34) + `${Math.floor(inches)} "  \r\n`;
  return (
    `${STX}\r\n\r\n  PRINT METERS                          \r\n` +
    row('TOTAL NONRESETTABLE', totalInches) +
    row('USER RESETTABLE CNTR1', cntr1Inches) +
    row('USER RESETTABLE CNTR2', cntr2Inches) +
    ETX
  );
}
