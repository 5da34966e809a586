import type { SoundSettings } from './use-sound-settings';
import type { Words } from '../i18n/use-t';

/** Mute and volume of this station's sounds; the station keeps them across restarts. Reachable by Tab and arrow keys. */
export function SoundControl({ settings, texts }: { settings: SoundSettings; texts: Words }) {
  const { sound, change, error } = settings;
  return (
    <div className="sound-control" role="group" aria-label={texts.t('feedback.sound')} data-testid="sound-control">
      <button
        type="button"
        className={`btn sound-mute ${sound.muted ? 'sound-muted' : ''}`}
        data-testid="sound-mute"
        aria-pressed={sound.muted}
        onClick={() => change({ ...sound, muted: !sound.muted })}
      >
        {sound.muted ? texts.t('feedback.unmute') : texts.t('feedback.mute')}
      </button>
      <label className="sound-volume">
        <span className="sound-volume-label">{texts.t('feedback.volume')}</span>
        <input
          type="range"
          min={0}
          max={100}
          step={10}
          data-testid="sound-volume"
          value={Math.round(sound.volume * 100)}
          disabled={sound.muted}
          onChange={(e) => change({ ...sound, volume: Number(e.target.value) / 100 })}
        />
      </label>
      {error && (
        <span className="sound-error" role="alert" data-testid="sound-error">
          {texts.t('feedback.notSaved', { error })}
        </span>
      )}
    </div>
  );
}
