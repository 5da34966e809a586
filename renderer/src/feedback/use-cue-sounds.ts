import { useEffect, useRef } from 'react';
import type { PackingView } from '../../../app/domain/packing-view.schema';
import { cueFor } from '../../../app/feedback/cues';
import { ALERT_REPEAT_MS } from '../../../app/feedback/sounds';
import type { FeedbackSettings } from '../../../app/ipc/station-channels';
import type { Synth } from './synth';

/**
 * Plays the cue of each new view, and repeats an alert the packer must act on every two seconds until it leaves the
 * view (acknowledged on any screen, or fixed). Muting silences both at once.
 */
export function useCueSounds(view: PackingView | null, sound: FeedbackSettings, synth: Synth): void {
  const previous = useRef<PackingView | null>(null);
  const level = useRef(sound);
  level.current = sound;
  const audible = () => (level.current.muted ? 0 : level.current.volume);

  useEffect(() => {
    if (view === null) return;
    const cue = cueFor(previous.current, view);
    previous.current = view;
    if (cue !== null && audible() > 0) synth.play(cue, audible());
  }, [view, synth]);

  const alert = view?.alert ?? null;
  const repeating = alert !== null && alert.mustAct;
  const kind = alert?.kind;
  const at = alert?.at;
  useEffect(() => {
    if (!repeating || kind === undefined) return;
    const timer = setInterval(() => {
      if (audible() > 0) synth.play(kind, audible());
    }, ALERT_REPEAT_MS);
    return () => clearInterval(timer);
  }, [repeating, kind, at, synth]);
}
