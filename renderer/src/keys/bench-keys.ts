import type { StationApi } from '../../../app/ipc/contract';
import { commandById } from '../../../app/commands/station-commands';
import { useCommandKey, useStationKeys } from './station-keys';

const ignore = () => {
  // The station answers a key like its barcode; a refusal is shown where it applies (scan notice, session banner).
};

/**
 * The keys that do the same on every tab: F7 a return label (exactly what scanning its command barcode does), F10
 * sign out, F12 the supervisor panel and back. The buttons' own keys are registered by the buttons.
 */
export function useBenchKeys(api: StationApi, toggleSupervisor: () => void): void {
  useStationKeys();
  useCommandKey('return-label', () => {
    api.invoke('packing:scan', { code: commandById('return-label').barcode ?? '' }).catch(ignore);
  });
  useCommandKey('sign-out', () => {
    api.invoke('people:sign-out', undefined).catch(ignore);
  });
  useCommandKey('supervisor', toggleSupervisor);
}
