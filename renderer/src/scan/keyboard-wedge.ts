/**
 * Tells a keyboard-wedge scanner from a person by timing alone. A wedge scanner "types" a whole code in a few
 * milliseconds per key and ends it with Enter (or Tab); a person needs ~100 ms or more between keys, and even a
 * fast typist's rolled-over pairs do not sustain a burst of `minLength` characters followed by Enter.
 *
 * Pure: the caller feeds key events with their timestamps and acts on the verdict (see use-keyboard-wedge.ts).
 */
export interface WedgeSettings {
  enabled: boolean;
  /** Largest gap between two keys of one scan, terminator included. */
  maxInterKeyMs: number;
  /** Fewer characters than this before Enter is a person pressing Enter, not a scan. */
  minLength: number;
}

export interface WedgeKey {
  /** KeyboardEvent.key */
  key: string;
  /** ms, monotonic (KeyboardEvent.timeStamp). */
  time: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

export type WedgeVerdict =
  /** Not part of a scan (or not yet known to be): let the browser handle the key. */
  | { kind: 'pass'; startsBurst: boolean }
  /** The terminator of a scan: swallow it, undo what the burst typed, deliver `code`. */
  | { kind: 'scan'; code: string };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock']);
const TERMINATORS = new Set(['Enter', 'Tab']);
/** 2D codes top out around 3 KB; beyond the IPC limit a burst is not a code we could send anyway. */
const MAX_CODE = 512;

/**
 * The character a key adds to a code, or null. AltGr arrives as Ctrl+Alt on Windows layouts, so Ctrl with Alt still
 * types. Ctrl+] is ASCII GS (0x1D = ']' − 0x40), which wedge scanners send for the GS1 FNC1 separator.
 */
function charOf(event: WedgeKey): string | null {
  if (event.metaKey) return null;
  if (event.ctrlKey && !event.altKey) return event.key === ']' ? '\x1d' : null;
  return event.key.length === 1 ? event.key : null;
}

export class WedgeDetector {
  private settings: WedgeSettings;
  private chars: string[] = [];
  private lastTime = Number.NEGATIVE_INFINITY;
  /** The burst outgrew any code: it ends in nothing, not in a truncated scan. */
  private overflow = false;

  constructor(settings: WedgeSettings) {
    this.settings = settings;
  }

  configure(settings: WedgeSettings): void {
    this.settings = settings;
    this.reset();
  }

  /** True while a burst could still continue at `time`: its keys belong to the burst, not to whatever has focus. */
  inBurst(time: number): boolean {
    return this.chars.length > 0 && time - this.lastTime <= this.settings.maxInterKeyMs;
  }

  /** Characters of the burst so far (for a caller that must know how much was typed). */
  get length(): number {
    return this.chars.length;
  }

  key(event: WedgeKey): WedgeVerdict {
    if (!this.settings.enabled) return { kind: 'pass', startsBurst: false };
    if (MODIFIERS.has(event.key)) {
      // Scanners press Shift for capitals: part of the stream, and its timing counts.
      if (this.inBurst(event.time)) this.lastTime = event.time;
      return { kind: 'pass', startsBurst: false };
    }
    const fast = this.inBurst(event.time);
    if (TERMINATORS.has(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey) {
      const code = this.chars.join('').trim();
      const overflow = this.overflow;
      this.reset();
      if (fast && !overflow && code.length >= this.settings.minLength) return { kind: 'scan', code };
      return { kind: 'pass', startsBurst: false };
    }
    const char = charOf(event);
    if (char === null) {
      this.reset();
      return { kind: 'pass', startsBurst: false };
    }
    const startsBurst = !fast;
    if (startsBurst) {
      this.chars = [];
      this.overflow = false;
    }
    if (this.chars.length < MAX_CODE) this.chars.push(char);
    else this.overflow = true;
    this.lastTime = event.time;
    return { kind: 'pass', startsBurst };
  }

  reset(): void {
    this.chars = [];
    this.lastTime = Number.NEGATIVE_INFINITY;
    this.overflow = false;
  }
}
