import { useEffect, useState } from 'react';
import type { StationApi, UiSettings } from '../../../app/ipc/contract';
import type { FeedbackSettings } from '../../../app/ipc/station-channels';

/** The config's default (app/domain/station-people-config.schema.ts), used until `ui:settings` answers. */
const DEFAULT_SOUND: FeedbackSettings = { volume: 0.8, muted: false };

export interface SoundSettings {
  sound: FeedbackSettings;
  /** Applies at once and is kept by the station (`ui:feedback`); put back if the station refuses it. */
  change(next: FeedbackSettings): void;
  /** Why the last change was not kept. */
  error: string | null;
}

export function useSoundSettings(api: StationApi, settings: UiSettings | null): SoundSettings {
  const [sound, setSound] = useState<FeedbackSettings>(DEFAULT_SOUND);
  const [error, setError] = useState<string | null>(null);
  const stored = settings?.feedback;
  useEffect(() => {
    if (stored) setSound(stored);
  }, [stored]);

  const change = (next: FeedbackSettings) => {
    const before = sound;
    setSound(next);
    api.invoke('ui:feedback', next).then(
      (res) => {
        if (res.accepted) return setError(null);
        setSound(before);
        setError(res.error ?? 'refused');
      },
      (err: unknown) => {
        setSound(before);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };
  return { sound, change, error };
}
