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
import { useUiSettings } from './use-ui-settings';
import './feedback.css';

/**
 * What the packer hears and sees beyond the screen's text: the cue of every change (renderer plays it, the core
 * decides what is an alert), the alert flash, the sound control, and F9 to acknowledge. Mounted once, on every tab:
 * an error during a look at the supervisor panel is still heard.
 */
export function StationFeedback({ view, api }: { view: PackingView | null; api: StationLink }) {
  const ui = useUiSettings(api);
  const texts = useT();
  const settings = useSoundSettings(api, ui);
  const [synth] = useState(() => new Synth());

  useEffect(() => {
    const unlock = () => synth.unlock();
    window.addEventListener('keydown', unlock, true);
    window.addEventListener('pointerdown', unlock, true);
    return () => {
      window.removeEventListener('keydown', unlock, true);
      window.removeEventListener('pointerdown', unlock, true);
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
