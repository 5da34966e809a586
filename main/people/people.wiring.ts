/**
 * Who is at the station (README "Sign-in"): the people cache refreshed from Odoo at start and every
 * `people.refreshMinutes`, the session with its idle timer, badge scans, and the `people:*` channels. With
 * `people.signIn: "off"` the station itself answers for its records and none of this runs.
 */
import { translator } from '../../app/i18n/catalogues';
import type { SayParams } from '../../app/i18n/language';
import type { PeopleConfig } from '../../app/domain/station-people-config.schema';
import type { SessionView } from '../../app/people/person.schema';
import type { SessionGate } from '../../app/people/people.ports';
import { signInOffSession } from '../../app/people/session-off';
import { PIN_LOCK_MS, PIN_WAIT_MS } from '../../app/people/session';
import { errorMessage } from '../../app/domain/errors';
import type { Clock, LogSink } from '../../app/ports';
import type { StationDb } from '../../sync/db/station-db';
import type { OdooExec } from '../../sync/odoo/odoo-exec';
import { readPeople } from '../../sync/odoo/people.reader';
import { PeopleCacheStore } from '../../sync/people/people-cache.store';
import { StationSessionsStore } from '../../sync/people/station-sessions.store';
import type { ResolvedConfig } from '../config/load-config';
import type { StationRoutes } from '../station-core';
import type { ScanInterceptor } from '../wiring/return-label-scan';
import { badgeScans } from './badge-scan';
import { StationSession } from './station-session';

export interface PeopleWiring {
  session: SessionGate;
  /** First among the scan interceptors. */
  scans: ScanInterceptor;
  routes: StationRoutes;
  /** Starts the refreshes and the idle timer; returns what stops them. */
  start(): () => void;
}

export interface PeopleDeps {
  db: StationDb;
  clock: Clock;
  log: LogSink;
  /** The station's Odoo session (the gateway's `apiSession`). */
  odoo(): Promise<OdooExec>;
  /** A picking is open at the bench. */
  busy(): boolean;
  publish(view: SessionView): void;
}

const OFF_ERROR = 'Sign-in is off at this station (people.signIn: "off")';

export function createPeople(config: ResolvedConfig, deps: PeopleDeps): PeopleWiring {
  const people: PeopleConfig = config.people;
  if (people.signIn === 'off') {
    const session = signInOffSession(config.stationId);
    return {
      session,
      scans: () => null,
      routes: {
        'people:session': () => session.view(),
        'people:pin': () => ({ accepted: false, error: OFF_ERROR }),
        'people:sign-out': () => ({ accepted: false, error: OFF_ERROR }),
      },
      start: () => () => undefined,
    };
  }
  const locale = { language: config.ui.language, weightUnits: config.ui.weightUnits };
  const text = (key: string, params: SayParams = {}) => translator.t(key, locale, params);
  const directory = new PeopleCacheStore(deps.db, deps.clock, {
    read: async () => readPeople(await deps.odoo(), { supervisorBadges: people.supervisorBadges, supervisorGroups: people.supervisorGroups, log: deps.log }),
    supervisorPinHash: people.supervisorPinHash,
    log: deps.log,
  });
  const rules = { idleMs: people.idleSignOutMinutes * 60_000, maxPinAttempts: people.maxPinAttempts, lockMs: PIN_LOCK_MS, pinWaitMs: PIN_WAIT_MS };
  const session = new StationSession({ directory, sessions: new StationSessionsStore(deps.db), clock: deps.clock, rules, busy: deps.busy, publish: deps.publish, log: deps.log });

  let refreshTimer: unknown = null;
  let stopped = false;
  const refresh = async () => {
    try {
      const { people: count } = await directory.refresh();
      deps.log.info({ people: count }, 'people read from Odoo');
    } catch (error) {
      // Badges keep working from the cache; the next refresh tries again.
      deps.log.warn({ err: errorMessage(error), cached: directory.count() }, 'people could not be read from Odoo: the cached badges stay');
    }
    if (!stopped) refreshTimer = deps.clock.setTimeout(() => void refresh(), people.refreshMinutes * 60_000);
  };

  return {
    session,
    scans: badgeScans({ session, directory, text }),
    routes: {
      'people:session': () => session.view(),
      'people:pin': ({ pin }) => (session.pin(pin) ? { accepted: true } : { accepted: false, error: refusalText(session.view(), text) }),
      'people:sign-out': () => (session.signOut('command') ? { accepted: true } : { accepted: false, error: text('people.scan.nobody') }),
    },
    start() {
      session.start();
      void refresh();
      return () => {
        stopped = true;
        if (refreshTimer !== null) deps.clock.clearTimeout(refreshTimer);
        session.stop();
      };
    },
  };
}

const refusalText = (view: SessionView, text: (key: string, params?: SayParams) => string): string =>
  view.refusal ? text(view.refusal.key, view.refusal.params) : text('people.refused.noPinAsked');
