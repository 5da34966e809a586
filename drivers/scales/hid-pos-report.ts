import { FrameError } from './frame-error';
import type { ReplyFrame, StatusFrame, WeightFrame } from './scale-protocol';

/**
 * USB HID Point of Sale usage tables, page 0x8D (weighing devices): the scale data report every POS scale sends
 * (Dymo M5–M25, Mettler Toledo PS60, Stamps.com, Fairbanks...). Six bytes:
 * `report id 3 | scale status | weight unit | exponent (int8) | weight LSB | weight MSB`.
 */
export const HID_SCALE_DATA_REPORT = 3;

/** Weight Unit usage values → grams per unit. Taels (5) differ by country, so they are refused. */
const UNIT_GRAMS: Record<number, { name: string; grams: number }> = {
  1: { name: 'mg', grams: 0.001 },
  2: { name: 'g', grams: 1 },
  3: { name: 'kg', grams: 1000 },
  4: { name: 'carat', grams: 0.2 },
  6: { name: 'grain', grams: 0.06479891 },
  7: { name: 'pennyweight', grams: 1.55517384 },
  8: { name: 'metric ton', grams: 1_000_000 },
  9: { name: 'avoirdupois ton', grams: 907_184.74 },
  10: { name: 'troy ounce', grams: 31.1034768 },
  11: { name: 'oz', grams: 28.349523125 },
  12: { name: 'lb', grams: 453.59237 },
};

const FAULTS: Record<number, string> = { 1: 'scale fault', 7: 'scale requires calibration', 8: 'scale requires re-zeroing' };

/**
 * One input report → a weight (status 2 stable at zero, 3 in motion, 4 stable), a condition (5 under zero, 6 over
 * weight limit, 1/7/8 faults), a reply for reports with another id (the PS60 interleaves a 2-byte report 4),
 * or an error. Pure: HidScale and the tests feed it bytes.
 */
export function parseHidScaleReport(report: Buffer): WeightFrame | StatusFrame | ReplyFrame | FrameError {
  const id = report[0];
  if (id === undefined) return FrameError.of('MALFORMED', 'empty HID report', report);
  if (id !== HID_SCALE_DATA_REPORT) return { kind: 'reply', command: 'hid-report', status: String(id), fields: [] };
  const [, status = 0, unitCode = 0, exponentByte = 0, lsb = 0, msb = 0] = report;
  if (report.length < 6) return FrameError.of('MALFORMED', `scale data report of ${report.length} bytes (6 expected)`, report);
  const condition = { kind: 'status' as const, motion: false, overCapacity: false, underZero: false, raw: status };
  const fault = FAULTS[status];
  if (fault) return { ...condition, fault };
  if (status === 5) return { ...condition, underZero: true };
  if (status === 6) return { ...condition, overCapacity: true };
  if (status < 2 || status > 4) return FrameError.of('MALFORMED', `unknown scale status ${status}`, report);
  const unit = UNIT_GRAMS[unitCode];
  if (!unit) return FrameError.of('UNIT', `weight unit ${unitCode} cannot be converted to grams`, report);
  // The exponent is a signed byte: 0xFF is 10^-1, 0xFE is 10^-2.
  const exponent = exponentByte > 127 ? exponentByte - 256 : exponentByte;
  const step = 10 ** exponent * unit.grams;
  const grams = round(((msb << 8) | lsb) * step, 1000);
  return { kind: 'weight', grams, stable: status !== 3, resolutionG: round(step, 1_000_000) };
}

function round(value: number, per: number): number {
  return Math.round(value * per) / per;
}
