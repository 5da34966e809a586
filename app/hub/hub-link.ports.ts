import type { LedgerAck, LedgerBatch } from './hub-protocol.schema';

/** The station's upload channel to the hub: the outbox's `hub` deliverer sends ledger batches through it. */
export interface LedgerUplink {
  sendLedger(batch: LedgerBatch): Promise<LedgerAck>;
}
