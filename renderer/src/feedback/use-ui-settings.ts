import { useEffect, useState } from 'react';
import type { UiSettings } from '../../../app/ipc/contract';
import type { StationLink } from '../bridge/station-api';

/** The station's screen settings (`ui:settings`), read again whenever the link (re)opens; null until it answers. */
export function useUiSettings(station: StationLink): UiSettings | null {
  const [settings, setSettings] = useState<UiSettings | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      station.invoke('ui:settings', undefined).then(
        (answer) => live && setSettings(answer),
        // Without settings the screen works on its defaults; the link banner reports the outage.
        () => undefined,
      );
    const offLink = station.onLink((state) => state === 'open' && void read());
    if (station.link === 'open') void read();
    return () => {
      live = false;
      offLink();
    };
  }, [station]);
  return settings;
}
