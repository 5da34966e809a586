import { useEffect, useState } from 'react';
import type { PackingView } from '../../../app/domain/packing-view.schema';
import type { StationLink } from '../bridge/station-api';
import { useT } from '../i18n/use-t';
import { useCommandKey } from '../keys/station-keys';
import { AlertFlash } from './alert-flash.view';
import { SoundControl } from './sound-control.view';
import { Synth } from './synth';
import { useCueSounds } from './use-cue-sounds';
import { useSoundSettings } from './use-sound-settings';
import { useUiSettings } from '../state/station-state.context';
import './feedback.css';

/**
 * What the packer hears and sees beyond the screen's text: the cue of every change (renderer plays it, the core
 * decides what is an alert), the alert flash, the sound control, and F9 to acknowledge. Mounted once, on every tab:
 * an error during a look at the supervisor panel is still heard.
 */
/** Keys this long apart are a person, not a scanner's burst (wedge bursts are ≤ 35 ms a key by default). */
const UNLOCK_AFTER_QUIET_MS = 400;

export function StationFeedback({ view, api }: { view: PackingView | null; api: StationLink }) {
  const ui = useUiSettings();
  const texts = useT();
  const settings = useSoundSettings(api, ui);
  const [synth] = useState(() => new Synth());

  useEffect(() => {
    // Creating or starting the audio context blocks the page for tens of milliseconds (more on a loaded machine): done
    // during a keyboard-wedge burst it would stretch a gap past the scan timing and cost the scan a character. So the
    // context is created as the screen opens (a browser holds it suspended), and started once the keys have been
    // quiet for a moment after the first key or tap (the gesture still counts: browsers allow it seconds later).
    const prepared = setTimeout(() => synth.prepare(), 0);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unlock = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        synth.unlock();
        stop();
      }, UNLOCK_AFTER_QUIET_MS);
    };
    const stop = () => {
      window.removeEventListener('keydown', unlock, true);
      window.removeEventListener('pointerdown', unlock, true);
    };
    window.addEventListener('keydown', unlock, true);
    window.addEventListener('pointerdown', unlock, true);
    return () => {
      clearTimeout(prepared);
      if (timer !== null) clearTimeout(timer);
      stop();
    };
  }, [synth]);

  useCueSounds(view, settings.sound, synth);
  useCommandKey('acknowledge', () => {
    api.invoke('feedback:acknowledge', undefined).catch(() => {
      // Nothing standing, or the link is down (the banner says so): the key has nothing to report.
    });
  });

  const alert = view?.alert ?? null;
  return (
    <>
      {view !== null && alert !== null && <AlertFlash key={alert.at} alert={alert} view={view} texts={texts} />}
      <SoundControl settings={settings} texts={texts} />
    </>
  );
}
