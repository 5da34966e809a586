/**
 * Sound volume and mute of this station: set on its screen (`ui:feedback`), kept in its database so a restart or a
 * reload keeps them, and served in `ui:settings`. The config file's `ui.sound` is the value until someone changes it.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../app/ports';
import { FeedbackSettingsSchema, type FeedbackSettings } from '../../app/ipc/station-channels';
import type { StationDb } from '../../sync/db/station-db';
import { StationSettingsStore } from '../../sync/outbox/station-settings.store';
import type { StationRoutes } from '../station-core';

const KEY = 'ui.feedback';

export interface FeedbackSettingsWiring {
  settings(): FeedbackSettings;
  routes: StationRoutes;
}

export function createFeedbackSettings(initial: FeedbackSettings, deps: { db: StationDb; clock: Clock; log: Logger }): FeedbackSettingsWiring {
  const store = new StationSettingsStore(deps.db, deps.clock);
  const settings = (): FeedbackSettings => store.get(KEY, FeedbackSettingsSchema) ?? { volume: initial.volume, muted: initial.muted };
  return {
    settings,
    routes: {
      'ui:feedback': (req) => {
        store.set(KEY, req);
        deps.log.info({ volume: req.volume, muted: req.muted }, 'sound settings changed at the station');
        return { accepted: true };
      },
    },
  };
}
