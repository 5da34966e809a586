/**
 * The supervisor's dead-letter channels on the station's own database. The CLI (`station outbox`) uses the same store
 * and the same describeDeadLetter, so the panel and the terminal say the same thing.
 */
import type { Clock, LogSink } from '../../app/ports';
import type { DeadLetterVia } from '../../app/domain/dead-letter.schema';
import { describeDeadLetter } from '../../app/outbox/dead-letter.describe';
import type { StationDb } from '../../sync/db/station-db';
import { DeadLetterStore } from '../../sync/outbox/dead-letters.store';
import type { CoreBackend } from '../station-core';

export type DeadLetterChannels = Pick<CoreBackend, 'deadLetters' | 'replayDeadLetter' | 'discardDeadLetter' | 'replayAllDeadLetters'>;

export interface DeadLetterDeps {
  db: StationDb;
  clock: Clock;
  log: LogSink;
  /** Values (API keys) that must never appear in a payload or an error shown to a person. */
  secrets: readonly string[];
  /** After a decision: wake the sync engine (a replayed event is due now) and push the new status. */
  onChange(): void;
  /** Where the decisions come from, for the audit: the station's panel (default) or the hub's fleet view. */
  via?: DeadLetterVia;
}

export function createDeadLetterChannels(deps: DeadLetterDeps): DeadLetterChannels {
  const store = new DeadLetterStore(deps.db, deps.clock);
  const via = deps.via ?? 'ui';
  const decided = (what: string, fields: Record<string, unknown>) => {
    // Who and why only: the payload and the error may name a customer.
    deps.log.info({ ...fields, via }, what);
    deps.onChange();
  };
  return {
    deadLetters: (limit) => ({
      letters: store.list(limit).map((facts) => describeDeadLetter(facts, deps.secrets)),
      audit: store.auditTrail(limit),
    }),
    replayDeadLetter: (id, who, reason) => {
      store.replay(id, { who, reason, via });
      decided('dead letter replayed', { deadLetterId: id, who, reason });
    },
    discardDeadLetter: (id, who, reason) => {
      store.discard(id, { who, reason, via });
      decided('dead letter discarded', { deadLetterId: id, who, reason });
    },
    replayAllDeadLetters: (target, who, reason) => {
      const replayed = store.replayAll(target, { who, reason, via });
      decided('dead letters replayed', { target, deadLetterIds: replayed, who, reason });
      return replayed;
    },
  };
}
