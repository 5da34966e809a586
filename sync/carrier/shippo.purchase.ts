/**
 * Shippo purchases ("transactions"): buying a rate, finding the purchase a shipment already has, waiting for one
 * still being made, and turning a bought transaction into the station's Shipment with its ZPL label.
 *
 * A transaction names its rate, not its shipment, and `GET /transactions` filters by `rate` only (SDK
 * ListTransactionsRequest: rate, object_status, tracking_status, page, results). A shipment's purchase is therefore
 * found through its rates. Carrier refusals come back as a transaction with `status: ERROR` and `messages[]`
 * (e.g. `carrier_timeout`), not as HTTP errors; an ERROR transaction bought nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { StationError } from '../../app/domain/errors';
import { ShipmentSchema, type Shipment } from '../../app/domain/shipment.schema';
import type { PlatformHttp } from './platform-http';
import { messageText, toRate, zplDpi } from './shippo.mapping';
import { rateIdOf, shippoPage, ShippoTransactionSchema, type ShippoRate, type ShippoTransaction } from './shippo.schema';

export interface PollOptions {
  /** Between two reads of an object Shippo is still making (a queued label, rating, manifest). */
  intervalMs: number;
  /** How long to wait for it in one call before giving up for now. */
  withinMs: number;
}

/** Reads `reread()` again while `pending(current)`, for at most `poll.withinMs`; answers the last reading. */
export async function settle<T>(first: T, pending: (t: T) => boolean, reread: () => Promise<T>, poll: PollOptions): Promise<T> {
  let current = first;
  const deadline = performance.now() + poll.withinMs;
  while (pending(current) && performance.now() < deadline) {
    await sleep(poll.intervalMs);
    current = await reread();
  }
  return current;
}

const MAKING = new Set(['WAITING', 'QUEUED']);
/** Every status but ERROR means a label was bought (and maybe refunded since). */
const isPurchase = (t: ShippoTransaction): boolean => t.status !== 'ERROR';
const PageSchema = shippoPage(ShippoTransactionSchema);
const PAGE_SIZE = 25;
/** A rate is bought once or a few times at most; more pages than this is not a list we can trust to scan. */
const MAX_PAGES = 8;

export class ShippoPurchases {
  constructor(
    private readonly http: PlatformHttp,
    private readonly poll: PollOptions,
  ) {}

  /** Buys `rateId`; waits while Shippo is still making the label. */
  async create(rateId: string, metadata: string): Promise<ShippoTransaction> {
    const body = { rate: rateId, label_file_type: 'ZPLII', async: false, metadata };
    const created = await this.http.json('POST', '/transactions', ShippoTransactionSchema, body);
    return this.settled(created);
  }

  async get(id: string): Promise<ShippoTransaction> {
    return this.http.json('GET', `/transactions/${encodeURIComponent(id)}`, ShippoTransactionSchema);
  }

  /** The purchase among these rates' transactions (the first rate's looked at first), or null when none was bought. */
  async find(rateIds: readonly string[]): Promise<ShippoTransaction | null> {
    for (const rateId of rateIds) {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const query = new URLSearchParams({ rate: rateId, results: String(PAGE_SIZE), page: String(page) });
        const list = await this.http.json('GET', `/transactions?${query.toString()}`, PageSchema);
        // The filter is the server's; a transaction of another rate in the list is not ours to adopt.
        const found = list.results.find((t) => isPurchase(t) && rateIdOf(t) === rateId);
        if (found) return found;
        if (!list.next) break;
      }
    }
    return null;
  }

  async settled(t: ShippoTransaction): Promise<ShippoTransaction> {
    return settle(t, (x) => MAKING.has(x.status), () => this.get(t.object_id), this.poll);
  }

  /**
   * A bought transaction as the station's Shipment: its rate (from the shipment's own rates), tracking number and
   * the ZPLII label downloaded and checked. A label still being made is UNAVAILABLE (the purchase exists: a later
   * read-back adopts it); an ERROR transaction is the carrier's refusal.
   */
  async toShipment(shipmentId: string, rates: readonly ShippoRate[], bought: ShippoTransaction, isReturn: boolean): Promise<Shipment> {
    const t = await this.settled(bought);
    if (t.status === 'ERROR') throw purchaseRefused(t);
    if (MAKING.has(t.status)) {
      throw new StationError('UNAVAILABLE', `Shippo is still making the label of transaction ${t.object_id}`, { detail: { code: t.status } });
    }
    const rateId = rateIdOf(t);
    const rate = rates.find((r) => r.object_id === rateId);
    if (!rate || !t.tracking_number || !t.label_url) {
      throw new StationError('INVALID_REPLY', `Shippo transaction ${t.object_id} lacks ${!rate ? `a rate of shipment ${shipmentId}` : !t.tracking_number ? 'a tracking number' : 'a label URL'}`);
    }
    const zpl = (await this.http.download(t.label_url, 'label')).toString('utf8');
    if (!zpl.includes('^XA')) {
      throw new StationError('INVALID_REPLY', `the label of Shippo transaction ${t.object_id} is not ZPL (label_file_type ${t.label_file_type ?? 'unknown'})`);
    }
    return ShipmentSchema.parse({
      shipmentId,
      trackingCode: t.tracking_number,
      rate: toRate(rate),
      label: { format: 'ZPL', dpi: zplDpi(zpl), data: zpl },
      platform: 'shippo',
      purchaseId: t.object_id,
      isReturn,
    });
  }
}

/** An ERROR transaction: a carrier that did not answer is worth another try later; anything else needs a person. */
export function purchaseRefused(t: ShippoTransaction): StationError {
  const messages = t.messages.map(messageText).filter((m) => m !== '');
  const timedOut = t.messages.some((m) => m.code === 'carrier_timeout');
  const code = t.messages.find((m) => m.code)?.code ?? 'TRANSACTION_ERROR';
  return new StationError(timedOut ? 'UNAVAILABLE' : 'REJECTED', `Shippo could not buy the label (transaction ${t.object_id}): ${messages.join('; ') || 'no message'}`, {
    detail: { status: 201, code, errors: messages },
  });
}
