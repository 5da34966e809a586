import type { Logger } from 'pino';
import type { Clock } from '../../app/ports';
import type { UiSettings } from '../../app/ipc/contract';
import type { SessionGate } from '../../app/people/people.ports';
import { signInOffSession } from '../../app/people/session-off';
import type { StationDb } from '../../sync/db/station-db';
import type { ResolvedConfig } from '../config/load-config';
import type { StationRoutes } from '../station-core';
import { createFeedbackSettings } from './feedback-settings.wiring';

/** What the station around the packing flow gives the core: who is signed in, its channels, the screen's settings. */
export interface BenchUi {
  session: SessionGate;
  routes: StationRoutes;
  uiSettings(): UiSettings;
}

export interface BenchUiDeps {
  db: StationDb;
  clock: Clock;
  log: Logger;
}

/**
 * Sign-in, sound settings, shift figures and the command sheet, wired in one place so the composition root only
 * spreads the result into the core.
 */
export function createBenchUi(config: ResolvedConfig, deps: BenchUiDeps): BenchUi {
  const session = signInOffSession(config.stationId);
  const feedback = createFeedbackSettings(config.ui.sound, deps);
  const uiSettings = (): UiSettings => ({
    stationId: config.stationId,
    wedge: config.ui.wedge,
    language: config.ui.language,
    weightUnits: config.ui.weightUnits,
    feedback: feedback.settings(),
  });
  return { session, routes: { 'people:session': () => session.view(), ...feedback.routes }, uiSettings };
}
