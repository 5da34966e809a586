import type { Logger } from 'pino';
import type { Actor } from 'xstate';
import type { Clock } from '../../app/ports';
import type { UiSettings } from '../../app/ipc/contract';
import type { SessionGate } from '../../app/people/people.ports';
import type { SessionView } from '../../app/people/person.schema';
import type { packingMachine } from '../../app/packing/packing.machine';
import type { StationDb } from '../../sync/db/station-db';
import type { OdooExec } from '../../sync/odoo/odoo-exec';
import { createPeople } from '../people/people.wiring';
import { packingBusy } from '../people/packing-busy';
import type { ScanInterceptor } from './return-label-scan';
import type { ResolvedConfig } from '../config/load-config';
import type { StationRoutes } from '../station-core';
import { createFeedbackSettings } from './feedback-settings.wiring';
import { shiftRoutes } from './shift.wiring';
import { createCommandRoutes, type CommandRoutesDeps } from './commands.wiring';

/** What the station around the packing flow gives the core: who is signed in, its channels, the screen's settings. */
export interface BenchUi {
  session: SessionGate;
  routes: StationRoutes;
  uiSettings(): UiSettings;
  /** Badges and the sign-out barcode: first among the scan interceptors. */
  scans: ScanInterceptor;
  /** Starts what runs on its own (people refresh, idle sign-out); returns what stops it. */
  start(): () => void;
}

export interface BenchUiDeps {
  db: StationDb;
  clock: Clock;
  log: Logger;
  actor: Actor<typeof packingMachine>;
  odoo(): Promise<OdooExec>;
  /** Pushes who is signed in to every screen (the core's `people:session`). */
  publishSession(view: SessionView): void;
  /** The print queue and label printer: the command sheet prints through them. */
  printing: CommandRoutesDeps['printing'];
}

/**
 * Sign-in, sound settings, shift figures and the command sheet, wired in one place so the composition root only
 * spreads the result into the core.
 */
export function createBenchUi(config: ResolvedConfig, deps: BenchUiDeps): BenchUi {
  const people = createPeople(config, {
    db: deps.db,
    clock: deps.clock,
    log: deps.log.child({ part: 'people' }),
    odoo: deps.odoo,
    busy: () => packingBusy(deps.actor),
    publish: deps.publishSession,
  });
  const feedback = createFeedbackSettings(config.ui.sound, deps);
  const uiSettings = (): UiSettings => ({
    stationId: config.stationId,
    wedge: config.ui.wedge,
    language: config.ui.language,
    weightUnits: config.ui.weightUnits,
    feedback: feedback.settings(),
  });
  const commands = createCommandRoutes({ ...deps, stationId: config.stationId, language: () => uiSettings().language, log: deps.log.child({ part: 'commands' }), session: people.session });
  return { session: people.session, scans: people.scans, start: people.start, routes: { ...people.routes, ...feedback.routes, ...commands, ...shiftRoutes(config, deps) }, uiSettings };
}
