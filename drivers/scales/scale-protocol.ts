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

/**
 * One scale protocol: what to send to ask for a weight, how to cut the byte stream into frames, and how to read
 * one frame. Pure: no I/O, no timers, so every protocol is tested on bytes alone.
 */
export interface ScaleCodec {
  readonly name: string;
  /** Bytes that ask for one weight; null for scales that stream continuously without being asked. */
  readonly request: Buffer | null;
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

export function isWeightUnit(unit: string): unit is WeightUnit {
  return Object.hasOwn(GRAMS_PER, unit);
}

/** Rounded to a milligram so decimal artefacts (1.705 kg → 1705.0000000000002) never reach a comparison. */
export function toGrams(value: number, unit: WeightUnit): number {
  const grams = Math.round(value * GRAMS_PER[unit] * 1000) / 1000;
  return Object.is(grams, -0) ? 0 : grams;
}

export function fromGrams(grams: number, unit: WeightUnit): number {
  return grams / GRAMS_PER[unit];
}
