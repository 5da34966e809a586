import { StationError, errorMessage, isStationError } from '../../app/domain/errors';
import type { OutboxEvent } from '../../app/domain/outbox-event.schema';
import type { LedgerUplink } from '../../app/hub/hub-link.ports';
import { LedgerAckSchema } from '../../app/hub/hub-protocol.schema';
import type { HubLedgerEntry } from '../../app/hub/ledger-event.schema';
import { ledgerEntryOf } from '../../app/hub/ledger-facts';
import type { BatchDeliverer, BatchOutcome, EventScope } from '../engine/deliverer';

/** Facts sent in one batch: a backlog after a long outage drains in a few hundred round trips, not thousands. */
export const HUB_LEDGER_MAX_BATCH = 200;

const direct: EventScope = (_event, run) => run();

/**
 * What the link threw: a StationError keeps its code (NETWORK or TIMEOUT is an outage the engine waits out, never a
 * dead letter); anything else can only come from the transport between station and hub, so it is an outage too.
 */
const asLinkFailure = (error: unknown): StationError =>
  isStationError(error) ? error : new StationError('NETWORK', `hub link: ${errorMessage(error)}`, { cause: error });

/** The batch's leading facts as ledger entries; stops before an event that is not one (it then fails on its own). */
function entriesOf(events: readonly OutboxEvent[]): { entries: HubLedgerEntry[]; error?: unknown } {
  const entries: HubLedgerEntry[] = [];
  for (const event of events) {
    try {
      entries.push(ledgerEntryOf(event));
    } catch (error) {
      return { entries, error };
    }
  }
  return { entries };
}

/**
 * Delivers the outbox's `hub` events, the station's ledger facts, to the hub in batches (one order key, `hub:ledger`:
 * the hub gets them in the station's order). The hub stores each entry under (station, seq) once, so a batch sent
 * again after a lost acknowledgement changes nothing; an `ok: true` acknowledgement therefore acknowledges the whole
 * batch. A refusal (`ok: false`) or an unreadable acknowledgement is an answered failure (retried, then a dead letter
 * that holds the later facts back until a person replays it); the link down or timing out is an outage.
 */
export function createHubDeliverer(uplink: LedgerUplink): BatchDeliverer {
  return {
    maxBatch: HUB_LEDGER_MAX_BATCH,
    async deliverMany(events: readonly OutboxEvent[], scope: EventScope = direct): Promise<BatchOutcome> {
      const head = events[0];
      if (head === undefined) return { done: 0 };
      const { entries, error: unreadable } = entriesOf(events);
      if (entries.length === 0) return { done: 0, error: unreadable };
      let reply: unknown;
      try {
        reply = await scope(head, () => uplink.sendLedger({ entries }));
      } catch (error) {
        return { done: 0, error: asLinkFailure(error) };
      }
      const ack = LedgerAckSchema.safeParse(reply);
      if (!ack.success) return { done: 0, error: new StationError('INVALID_REPLY', `the hub's ledger acknowledgement is unreadable: ${ack.error.message}`) };
      if (!ack.data.ok) return { done: 0, error: new StationError('SERVER', `the hub refused the ledger batch: ${ack.data.error}`) };
      return unreadable === undefined ? { done: entries.length } : { done: entries.length, error: unreadable };
    },
  };
}
