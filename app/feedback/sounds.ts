/**
 * The sound of each cue, as notes a WebAudio oscillator plays (no audio files to fetch or ship). Success is high,
 * short and rising; errors are low and harsh (square and sawtooth waves), each kind with its own rhythm so a packer
 * learns them without looking: one long buzz for a wrong item, three short ones for one too many, a falling pair
 * for an unknown code, a slow wobble for the weight, a low-high siren for the printer.
 */
import type { Cue } from './cues';

export type Wave = 'sine' | 'square' | 'sawtooth' | 'triangle';

export interface Note {
  hz: number;
  ms: number;
  wave: Wave;
  /** Silence after the note. */
  gapMs?: number;
}

export const CUE_SOUNDS: Readonly<Record<Cue, readonly Note[]>> = {
  itemAccepted: [{ hz: 1568, ms: 60, wave: 'sine' }],
  parcelComplete: [
    { hz: 1047, ms: 80, wave: 'sine', gapMs: 20 },
    { hz: 1319, ms: 80, wave: 'sine', gapMs: 20 },
    { hz: 1568, ms: 120, wave: 'sine' },
  ],
  labelPrinted: [
    { hz: 1319, ms: 70, wave: 'triangle', gapMs: 30 },
    { hz: 1976, ms: 110, wave: 'triangle' },
  ],
  wrongItem: [{ hz: 196, ms: 600, wave: 'sawtooth' }],
  overQuantity: [
    { hz: 233, ms: 120, wave: 'square', gapMs: 80 },
    { hz: 233, ms: 120, wave: 'square', gapMs: 80 },
    { hz: 233, ms: 120, wave: 'square' },
  ],
  unknownBarcode: [
    { hz: 330, ms: 150, wave: 'square', gapMs: 40 },
    { hz: 247, ms: 250, wave: 'square' },
  ],
  weightImplausible: [
    { hz: 175, ms: 250, wave: 'sawtooth', gapMs: 60 },
    { hz: 208, ms: 250, wave: 'sawtooth', gapMs: 60 },
    { hz: 175, ms: 250, wave: 'sawtooth' },
  ],
  printerFault: [
    { hz: 147, ms: 300, wave: 'square', gapMs: 50 },
    { hz: 294, ms: 300, wave: 'square' },
  ],
  carrierFault: [
    { hz: 262, ms: 200, wave: 'sawtooth', gapMs: 60 },
    { hz: 196, ms: 400, wave: 'sawtooth' },
  ],
  otherError: [{ hz: 220, ms: 300, wave: 'square' }],
};

/** How often an alert the packer must act on sounds again until it is acknowledged or fixed. */
export const ALERT_REPEAT_MS = 2_000;
