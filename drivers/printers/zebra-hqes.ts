/**
 * Zebra `~HQES` (host query, extended status) as a pure protocol. Unlike `~HS`, a Zebra still answers it while paper
 * or ribbon is out or the head is open, which is exactly when the operator needs to be told what to fix.
 *
 * Reply (real capture, Ladder99 zebra-test.js):
 *   STX CR LF CR LF PRINTER STATUS CR LF   ERRORS:  1 00000000 00010004 CR LF   WARNINGS:  1 00000000 00000100 CR LF ETX
 * `<flag> <group 2: nibbles 16..9> <group 1: nibbles 8..1>`, hex; values OR together within a nibble.
 * Bit meanings: Zebra Programming Guide P1012728-011, ~HQ Table 14 "Error Flags (~HQES)" and Table 15 "Warning
 * Flags (~HQES)" (same tables as docs.zebra.com …/r-zpl-wq.html). Group 2 is reserved (always zero) in that guide.
 */
import type { PrinterFault, PrinterStatus } from '../../app/domain';
import { ETX, STX } from './zebra-host-status';
import type { FrameError } from './zebra-host-status';

export type HqesError =
  | 'media_out'
  | 'ribbon_out'
  | 'head_open'
  | 'cutter_fault'
  | 'printhead_over_temperature'
  | 'motor_over_temperature'
  | 'bad_printhead_element'
  | 'printhead_detection_error'
  | 'invalid_firmware_config'
  | 'printhead_thermistor_open'
  | 'paper_jam_during_retract'
  | 'presenter_not_running'
  | 'paper_feed_error'
  | 'clear_paper_path_failed'
  | 'paused'
  | 'retract_function_timed_out'
  | 'black_mark_calibrate_error'
  | 'black_mark_not_found';

export type HqesWarning =
  | 'need_to_calibrate_media'
  | 'clean_printhead'
  | 'replace_printhead'
  | 'paper_near_end'
  | 'sensor_1_paper_before_head'
  | 'sensor_2_black_mark'
  | 'sensor_3_paper_after_head'
  | 'sensor_4_loop_ready'
  | 'sensor_5_presenter'
  | 'sensor_6_retract_ready'
  | 'sensor_7_in_retract'
  | 'sensor_8_at_bin';

// Group-1 bit → meaning. Nibble 1 is the low 4 bits (0x1..0x8), nibble 5 is 0x10000..0x80000.
export const HQES_ERROR_BITS: ReadonlyArray<readonly [number, HqesError]> = [
  [0x1, 'media_out'],
  [0x2, 'ribbon_out'],
  [0x4, 'head_open'],
  [0x8, 'cutter_fault'],
  [0x10, 'printhead_over_temperature'],
  [0x20, 'motor_over_temperature'],
  [0x40, 'bad_printhead_element'],
  [0x80, 'printhead_detection_error'],
  [0x100, 'invalid_firmware_config'],
  [0x200, 'printhead_thermistor_open'],
  [0x1000, 'paper_jam_during_retract'],
  [0x2000, 'presenter_not_running'],
  [0x4000, 'paper_feed_error'],
  [0x8000, 'clear_paper_path_failed'],
  [0x10000, 'paused'],
  [0x20000, 'retract_function_timed_out'],
  [0x40000, 'black_mark_calibrate_error'],
  [0x80000, 'black_mark_not_found'],
];

export const HQES_WARNING_BITS: ReadonlyArray<readonly [number, HqesWarning]> = [
  [0x1, 'need_to_calibrate_media'],
  [0x2, 'clean_printhead'],
  [0x4, 'replace_printhead'],
  [0x8, 'paper_near_end'],
  [0x10, 'sensor_1_paper_before_head'],
  [0x20, 'sensor_2_black_mark'],
  [0x40, 'sensor_3_paper_after_head'],
  [0x80, 'sensor_4_loop_ready'],
  [0x100, 'sensor_5_presenter'],
  [0x200, 'sensor_6_retract_ready'],
  [0x400, 'sensor_7_in_retract'],
  [0x800, 'sensor_8_at_bin'],
];

export interface HqesFlags<T> {
  /** The leading 0/1: "at least one flag set". */
  present: boolean;
  group2: number;
  group1: number;
  flags: T[];
  /** Group-1 bits the guide does not name (newer firmware): kept so a report can show them. */
  unknownBits: number;
}

export interface ExtendedStatus {
  errors: HqesFlags<HqesError>;
  warnings: HqesFlags<HqesWarning>;
}

const LINE = (label: string): RegExp => new RegExp(`${label}:\\s*([01])\\s+([0-9A-Fa-f]{8})\\s+([0-9A-Fa-f]{8})`);
const ERRORS = LINE('ERRORS');
const WARNINGS = LINE('WARNINGS');

function decode<T>(match: RegExpExecArray, table: ReadonlyArray<readonly [number, T]>): HqesFlags<T> {
  const group2 = parseInt(match[2] ?? '0', 16);
  const group1 = parseInt(match[3] ?? '0', 16);
  const flags = table.filter(([bit]) => (group1 & bit) !== 0).map(([, name]) => name);
  const known = table.reduce((mask, [bit]) => mask | bit, 0);
  return { present: match[1] === '1', group2, group1, flags, unknownBits: group1 & ~known };
}

const toText = (input: string | Buffer): string => (typeof input === 'string' ? input : input.toString('latin1'));

/** Parses a complete reply, framed (STX…ETX) or with framing and line breaks collapsed, as some tools log it. */
export function parseHqes(input: string | Buffer): ExtendedStatus | FrameError {
  const raw = toText(input);
  const errors = ERRORS.exec(raw);
  const warnings = WARNINGS.exec(raw);
  if (!errors) return { kind: 'frame-error', reason: '~HQES reply without an ERRORS line', raw };
  const errorFlags = decode(errors, HQES_ERROR_BITS);
  // Every documented reply has both lines; a missing WARNINGS line costs nothing that matters to the station.
  const warningFlags: HqesFlags<HqesWarning> = warnings
    ? decode(warnings, HQES_WARNING_BITS)
    : { present: false, group2: 0, group1: 0, flags: [], unknownBits: 0 };
  return { errors: errorFlags, warnings: warningFlags };
}

/**
 * Collects socket chunks until a reply is complete: the ETX of a framed reply, or (unframed) a WARNINGS line with its
 * two groups. null while incomplete.
 */
export function collectHqes(buffered: string): ExtendedStatus | FrameError | null {
  const start = buffered.indexOf(STX);
  if (start >= 0) {
    const end = buffered.indexOf(ETX, start);
    return end < 0 ? null : parseHqes(buffered.slice(start, end + 1));
  }
  return WARNINGS.test(buffered) ? parseHqes(buffered) : null;
}

// Which printer errors stop the label the station sends, and how the operator sees them.
const FAULT_OF: Partial<Record<HqesError, PrinterFault>> = {
  media_out: 'paper_out',
  ribbon_out: 'ribbon_out',
  head_open: 'head_open',
  paused: 'paused',
  printhead_over_temperature: 'over_temperature',
  motor_over_temperature: 'over_temperature',
};

const FAULT_ORDER: readonly PrinterFault[] = ['paper_out', 'ribbon_out', 'head_open', 'paused', 'over_temperature'];

/**
 * Faults in the same order `~HS` reports them. Errors without a station fault (cutter fault, bad printhead element,
 * presenter errors…) still make the printer not ready; `detail` names them for the operator.
 */
export function hqesToPrinterStatus(status: ExtendedStatus): { status: PrinterStatus; otherErrors: HqesError[] } {
  const mapped = new Set<PrinterFault>();
  const otherErrors: HqesError[] = [];
  for (const error of status.errors.flags) {
    const fault = FAULT_OF[error];
    if (fault) mapped.add(fault);
    else otherErrors.push(error);
  }
  const faults = FAULT_ORDER.filter((f) => mapped.has(f));
  const blocked = faults.length > 0 || otherErrors.length > 0 || status.errors.unknownBits !== 0;
  return { status: { ready: !blocked, faults }, otherErrors };
}

const hex8 = (n: number): string => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');

/** The reply a Zebra sends, as the simulator needs it (layout of the real capture above). */
export function formatHqes(errorsGroup1: number, warningsGroup1 = 0): string {
  const line = (label: string, group1: number): string =>
    `   ${label}:`.padEnd(20) + `${group1 ? 1 : 0} 00000000 ${hex8(group1)}  \r\n`;
  return `${STX}\r\n\r\nPRINTER STATUS            \r\n${line('ERRORS', errorsGroup1)}${line('WARNINGS', warningsGroup1)}${ETX}`;
}
