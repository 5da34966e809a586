import type { SerialLink } from '../../app/domain';
import type { FrameSplitter } from '../serial/frame-splitter';
import type { FrameError } from './frame-error';

export type { FrameSplitter } from '../serial/frame-splitter';
export { FrameError, type FrameErrorCode } from './frame-error';

/** A weight, already in grams. `net` is set only when the protocol says so. */
export interface WeightFrame {
  kind: 'weight';
  grams: number;
  stable: boolean;
  net?: boolean;
  /** One display step in grams, from the decimals the scale sent (1.234 kg → 1 g; 3.75 lb → 4.536 g). */
  resolutionG?: number;
  /**
   * The frame carries no stability flag (Adam print lines, bare CAS data): `stable` is then true only because
   * the scale sent a value, and a stability window has to confirm it.
   */
  unflagged?: true;
}

/** The scale answered with a condition instead of a weight (in motion, overload, busy...). */
export interface StatusFrame {
  kind: 'status';
  motion: boolean;
  overCapacity: boolean;
  underZero: boolean;
  outsideZeroRange?: boolean;
  centerOfZero?: boolean;
  net?: boolean;
  /** MT-SICS `S I`: the balance could not execute the command now (busy, or no stable value in time). */
  busy?: boolean;
  /** The scale reports it cannot weigh at all until serviced or re-zeroed (HID POS status 1, 7, 8; NCI RAM/ROM errors). */
  fault?: string;
  /** The raw status byte, for protocols that have one. */
  raw?: number;
}

/** Any other well-formed answer (acknowledgements of zero/tare, identification, echo); kept for later commands. */
export interface ReplyFrame {
  kind: 'reply';
  command: string;
  status: string;
  fields: string[];
}

export type ScaleFrame = WeightFrame | StatusFrame | ReplyFrame;

/** Bytes that make the scale zero or tare itself, for the protocols that accept such commands. */
export interface ScaleCommands {
  zero?: Buffer;
  tare?: Buffer;
}

export type CommandOutcome = { done: true } | { done: false; reason: string };

/**
 * One scale protocol: what to send to ask for a weight, how to cut the byte stream into frames, and how to read
 * one frame. Pure: no I/O, no timers, so every protocol is tested on bytes alone.
 */
export interface ScaleCodec {
  readonly name: string;
  /** Bytes that ask for one weight; null for scales that stream continuously without being asked. */
  readonly request: Buffer | null;
  /** Bytes sent once after every (re)connect, e.g. MT-SICS `SIR` to start the stream. */
  readonly startup?: Buffer;
  readonly commands?: ScaleCommands;
  /**
   * For protocols that confirm zero/tare: whether `frame` answers `action` — done, refused (with the reason in words
   * for the packer), or null when the frame is something else. Without it a command counts as done once written.
   */
  acknowledge?(action: keyof ScaleCommands, frame: ScaleFrame | FrameError): CommandOutcome | null;
  /** False when frames carry no stability flag, so readings need a stability window (see WeightFrame.unflagged). */
  readonly reportsStability?: boolean;
  /**
   * The scale may stay silent for a long time while working (Adam AZextra answers `P` only with a new non-zero
   * weight), so silence is no sign of a dead scale and must not be reported as one.
   */
  readonly quietWhenUnchanged?: boolean;
  /** Line settings the protocol is specified with (a hint for configuration screens; the config wins). */
  readonly defaultLink?: Partial<Omit<SerialLink, 'path'>>;
  /** A fresh splitter per connection. */
  frames(): FrameSplitter;
  parse(frame: Buffer): ScaleFrame | FrameError;
}

export const isFrameError = (value: ScaleFrame | FrameError): value is FrameError => value.kind === 'error';

export type WeightUnit = 'g' | 'kg' | 'mg' | 'lb' | 'oz';

const GRAMS_PER: Record<WeightUnit, number> = {
  g: 1,
  kg: 1000,
  mg: 0.001,
  lb: 453.59237,
  oz: 28.349523125,
};

/** Spellings seen on the wire: manuals print `Kg`, `KG`, `lbs`, `LB`. */
const UNIT_ALIASES: Record<string, WeightUnit> = { g: 'g', kg: 'kg', mg: 'mg', lb: 'lb', lbs: 'lb', oz: 'oz' };

export function isWeightUnit(unit: string): unit is WeightUnit {
  return Object.hasOwn(GRAMS_PER, unit);
}

/** A unit as sent by a scale, in any case; null for what is no weight (pcs, %, dwt...). */
export function parseUnit(text: string): WeightUnit | null {
  const key = text.trim().toLowerCase();
  return Object.hasOwn(UNIT_ALIASES, key) ? (UNIT_ALIASES[key] ?? null) : null;
}

/** Rounded to a milligram so decimal artefacts (1.705 kg → 1705.0000000000002) never reach a comparison. */
export function toGrams(value: number, unit: WeightUnit): number {
  return roundTo(value * GRAMS_PER[unit], 1000);
}

export function fromGrams(grams: number, unit: WeightUnit): number {
  return grams / GRAMS_PER[unit];
}

export function gramsPer(unit: WeightUnit): number {
  return GRAMS_PER[unit];
}

/** A signed decimal as scales print it; spaces between the sign and the digits are padding (`+  1.234`). */
const DECIMAL = /^([+-]?)\s*(\d+(?:\.(\d*))?|\.(\d+))$/;

/**
 * The weight frame for a printed value: grams plus the resolution its decimals imply. Null when the text is not
 * a plain decimal number, so a parser never turns a malformed field into a weight.
 */
export function weightFromText(
  text: string,
  unit: WeightUnit,
  stable: boolean,
  extra: { net?: boolean; unflagged?: boolean } = {},
): WeightFrame | null {
  const match = DECIMAL.exec(text.trim());
  if (!match?.[2]) return null;
  const decimals = (match[3] ?? match[4] ?? '').length;
  const value = Number(`${match[1]}${match[2]}`);
  if (!Number.isFinite(value)) return null;
  const frame: WeightFrame = { kind: 'weight', grams: toGrams(value, unit), stable, resolutionG: resolutionG(decimals, unit) };
  if (extra.net !== undefined) frame.net = extra.net;
  if (extra.unflagged) frame.unflagged = true;
  return frame;
}

/** One step of the last printed decimal, in grams (to a microgram). */
export function resolutionG(decimals: number, unit: WeightUnit): number {
  return roundTo(10 ** -decimals * GRAMS_PER[unit], 1_000_000);
}

function roundTo(value: number, per: number): number {
  const rounded = Math.round(value * per) / per;
  return Object.is(rounded, -0) ? 0 : rounded;
}
