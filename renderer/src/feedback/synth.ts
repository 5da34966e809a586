/**
 * The station's sounds, synthesised with WebAudio (an oscillator and a gain envelope per note): nothing to fetch, so
 * they play offline and cannot fail to load. Browsers start an AudioContext only after a user gesture; the Electron
 * window allows it from the start (main/electron/window-security.ts). A sound asked for while the context cannot run
 * is dropped rather than queued: a backlog released by the first key press would be a burst of stale alarms.
 */
import type { Cue } from '../../../app/feedback/cues';
import { CUE_SOUNDS } from '../../../app/feedback/sounds';

const ATTACK_S = 0.005;
const RELEASE_S = 0.02;
/** A context that has not started this long after being asked to was held back by the autoplay policy. */
const RESUME_LATE_MS = 300;

type AudioContextClass = typeof AudioContext;

export class Synth {
  private context: AudioContext | null = null;

  constructor(private readonly Context: AudioContextClass | undefined = globalThis.AudioContext) {}

  /** Creates the context ahead of the first sound (a browser keeps it suspended until a gesture). */
  prepare(): void {
    this.audio();
  }

  /** Called after the first key press or tap: the gesture that lets a browser start (or resume) the context. */
  unlock(): void {
    const context = this.audio();
    if (context && context.state === 'suspended') void context.resume().catch(() => {});
  }

  play(cue: Cue, volume: number): void {
    const context = this.audio();
    if (!context || volume <= 0) return;
    if (context.state === 'running') {
      this.schedule(context, cue, volume);
      return;
    }
    const asked = performance.now();
    context.resume().then(
      () => {
        if (performance.now() - asked <= RESUME_LATE_MS) this.schedule(context, cue, volume);
      },
      () => {},
    );
  }

  private audio(): AudioContext | null {
    if (this.context === null && this.Context) this.context = new this.Context();
    return this.context;
  }

  private schedule(context: AudioContext, cue: Cue, volume: number): void {
    const master = context.createGain();
    master.gain.value = volume;
    master.connect(context.destination);
    let t = context.currentTime + 0.01;
    for (const note of CUE_SOUNDS[cue]) {
      const seconds = note.ms / 1000;
      const oscillator = context.createOscillator();
      oscillator.type = note.wave;
      oscillator.frequency.value = note.hz;
      const envelope = context.createGain();
      envelope.gain.setValueAtTime(0, t);
      envelope.gain.linearRampToValueAtTime(1, t + ATTACK_S);
      envelope.gain.setValueAtTime(1, t + seconds - RELEASE_S);
      envelope.gain.linearRampToValueAtTime(0, t + seconds);
      oscillator.connect(envelope).connect(master);
      oscillator.start(t);
      oscillator.stop(t + seconds);
      t += seconds + (note.gapMs ?? 0) / 1000;
    }
  }
}
