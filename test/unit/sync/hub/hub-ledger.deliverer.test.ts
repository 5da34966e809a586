import { describe, expect, it } from 'vitest';
import { StationError, isUnreachable } from '../../../../app/domain/errors';
import type { OutboxEvent, OutboxPayload } from '../../../../app/domain/outbox-event.schema';
import type { LedgerUplink } from '../../../../app/hub/hub-link.ports';
import type { LedgerBatch } from '../../../../app/hub/hub-protocol.schema';
import { labelPrintedFact } from '../../../../app/hub/ledger-facts';
import { decideFailure } from '../../../../sync/engine/retry-policy';
import { HUB_LEDGER_MAX_BATCH, createHubDeliverer } from '../../../../sync/hub/hub-ledger.deliverer';

const fact = (parcelIndex: number): OutboxPayload => ({ type: 'hub.fact', fact: labelPrintedFact({ pickingId: 7, pickingName: 'WH/OUT/00007', parcelIndex }) });
const event = (id: number, payload: OutboxPayload = fact(id)): OutboxEvent => ({
  id,
  target: 'hub',
  orderKey: 'hub:ledger',
  payload,
  attempts: 0,
  answeredFailures: 0,
  createdAt: 1_000 + id,
});

/** An uplink that answers what it is told to, and keeps every batch it was sent. */
function uplink(answer: (batch: LedgerBatch) => unknown): LedgerUplink & { sent: LedgerBatch[] } {
  const sent: LedgerBatch[] = [];
  return {
    sent,
    sendLedger: async (batch) => {
      sent.push(batch);
      return answer(batch) as never;
    },
  };
}
const policy = { baseDelayMs: 10, maxDelayMs: 100, maxAttempts: 3 };

describe('the hub ledger deliverer', () => {
  it('sends the batch as entries numbered by outbox id and acknowledges all of it on ok', async () => {
    const link = uplink((b) => ({ ok: true, stored: b.entries.length, highestSeq: b.entries.at(-1)!.seq }));
    const outcome = await createHubDeliverer(link).deliverMany([event(3), event(4), event(9)]);
    expect(outcome).toEqual({ done: 3 });
    expect(link.sent).toEqual([{ entries: [3, 4, 9].map((id) => ({ seq: id, at: 1_000 + id, fact: (fact(id) as { fact: unknown }).fact })) }]);
  });

  it('takes batches of 200', () => {
    expect(createHubDeliverer(uplink(() => null)).maxBatch).toBe(HUB_LEDGER_MAX_BATCH);
    expect(HUB_LEDGER_MAX_BATCH).toBe(200);
  });

  it("a refusal (ok: false) is an answered failure: retried, then a dead letter", async () => {
    const outcome = await createHubDeliverer(uplink(() => ({ ok: false, error: 'disk full' }))).deliverMany([event(1), event(2)]);
    expect(outcome.done).toBe(0);
    expect(outcome.error).toMatchObject({ code: 'SERVER', message: expect.stringContaining('disk full') });
    expect(decideFailure(outcome.error, 1, policy, () => 0).kind).toBe('retry');
    expect(decideFailure(outcome.error, 3, policy, () => 0).kind).toBe('dead');
  });

  it('an unreadable acknowledgement is an answered failure', async () => {
    for (const reply of [undefined, { ok: true }, { ok: 'yes', stored: 1, highestSeq: 1 }, 'stored']) {
      const outcome = await createHubDeliverer(uplink(() => reply)).deliverMany([event(1)]);
      expect(outcome).toMatchObject({ done: 0, error: { code: 'INVALID_REPLY' } });
      expect(isUnreachable(outcome.error)).toBe(false);
    }
  });

  it('the link down or timing out is an outage the engine waits out, never a dead letter', async () => {
    const errors: unknown[] = [new StationError('NETWORK', 'hub link down'), new StationError('TIMEOUT', 'no ack in 10 s'), new Error('socket hang up')];
    for (const thrown of errors) {
      const outcome = await createHubDeliverer(
        uplink(() => {
          throw thrown;
        }),
      ).deliverMany([event(1)]);
      expect(outcome.done).toBe(0);
      expect(isUnreachable(outcome.error)).toBe(true);
      expect(decideFailure(outcome.error, 50, policy, () => 0).kind).toBe('wait');
    }
  });

  it('an event that is not a fact stops the batch before it: the facts ahead go, it fails alone', async () => {
    const link = uplink((b) => ({ ok: true, stored: b.entries.length, highestSeq: 2 }));
    const deliverer = createHubDeliverer(link);
    const stray = event(3, { type: 'picking.validate', pickingId: 7 });
    const outcome = await deliverer.deliverMany([event(1), event(2), stray, event(4)]);
    expect(outcome.done).toBe(2);
    expect(outcome.error).toMatchObject({ code: 'REJECTED' });
    expect(link.sent.map((b) => b.entries.map((e) => e.seq))).toEqual([[1, 2]]);
    expect(await deliverer.deliverMany([stray])).toMatchObject({ done: 0, error: { code: 'REJECTED' } });
    expect(link.sent).toHaveLength(1);
  });
});
