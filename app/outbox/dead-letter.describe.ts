import type { DeadLetterDetail } from '../domain/dead-letter.schema';
import { adviseDeadLetter } from './dead-letter.advice';
import { maskPayload, scrubSecrets } from './payload.mask';

/** A dead letter as the store reads it back: the stored payload is still raw here (secrets, addresses, ZPL). */
export interface DeadLetterFacts {
  id: number;
  eventId: number | null;
  target: string;
  orderKey: string;
  reason: string;
  at: number;
  resolvedAt: number | null;
  resolution: 'replayed' | 'discarded' | null;
  pickingId: number | null;
  pickingName: string | null;
  eventType: string | null;
  attempts: number | null;
  /** The event's payload when the event row is still there, else what the dead letter kept. */
  rawPayload: string;
  /** False when the event row is gone or the letter is not about an outbox event at all. */
  eventReplayable: boolean;
}

/**
 * What the supervisor panel and `station outbox` show: the same words in both places. `secrets` are values (API keys)
 * that must not appear even where no key name gives them away, e.g. quoted inside an error message.
 */
export function describeDeadLetter(facts: DeadLetterFacts, secrets: readonly string[] = []): DeadLetterDetail {
  // Advised on the scrubbed reason: its words reach the summary (and a lot name the instruction) in every language.
  const reason = scrubSecrets(facts.reason, secrets);
  const advice = adviseDeadLetter(reason, facts.target);
  return {
    id: facts.id,
    eventId: facts.eventId,
    target: facts.target,
    orderKey: facts.orderKey,
    reason,
    at: facts.at,
    pickingId: facts.pickingId,
    pickingName: facts.pickingName,
    eventType: facts.eventType,
    attempts: facts.attempts,
    advice: { ...advice, replayable: advice.replayable && facts.eventReplayable },
    payload: maskPayload(facts.rawPayload, secrets),
    resolvedAt: facts.resolvedAt,
    resolution: facts.resolution,
  };
}
