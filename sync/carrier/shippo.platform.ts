/**
 * Shippo (https://api.goshippo.com) as a CarrierPlatform. Relied on: Shippo's SDK models and request code
 * (goshippo/shippo-javascript-sdk src/models/components and src/funcs, e.g. transactionsList: `GET /transactions`
 * with rate/object_status/page/results; shippo-python-sdk .speakeasy/gen.lock reply examples), Shippo's docs
 * (authentication: `Authorization: ShippoToken <token>`, 401 `{"detail": …}`; HTTP status codes, incl. 409 for
 * concurrent calls and 429; rate limits; shipping label sizes: `label_file_type: "ZPLII"`; address validation with
 * `validate: true`; tracking event definitions and the `shippo` test carrier with SHIPPO_* numbers; test mode) and
 * goshippo client issues for the DRF field-error bodies.
 *
 * Never buying twice: Shippo would sell a second label on the same shipment (every rate is purchasable), so the
 * platform guards it. A shipment this process quoted or read back and has not tried to buy since is known to be
 * unbought and is bought at once; any other (a second buy, a buy after a restart) is first looked up through its
 * rates' transactions, and an existing purchase is answered instead. Calls on one shipment run one at a time. A buy
 * whose reply is lost fails as unreachable; `readBack` then finds the purchase and adopts it.
 */
import { shippoTrackingReport } from '../../app/carrier/tracking.shippo';
import type { Address } from '../../app/domain/address.schema';
import type { AddressVerdict, Manifest, VoidOutcome } from '../../app/domain/carrier.schema';
import { StationError, isStationError } from '../../app/domain/errors';
import type { Shipment } from '../../app/domain/shipment.schema';
import type { TrackingReport } from '../../app/domain/tracking.schema';
import type { CarrierPlatform, Quote, RemoteCallObserver, RequestLimiter, ShipmentRequest, ShipmentState } from '../../app/ports';
import { requireSecureUrl } from '../http/url-policy';
import { PlatformHttp, type PlatformErrorDetail } from './platform-http';
import { readShippoError, shippoCodeFor } from './shippo.errors';
import { carrierToken, messageText, purchaseMetadata, toRate, toShipmentBody, toShippoAddress, toVerdict } from './shippo.mapping';
import { ShippoPurchases, settle, type PollOptions } from './shippo.purchase';
import {
  ShippoAddressSchema,
  ShippoManifestSchema,
  ShippoRefundSchema,
  ShippoShipmentSchema,
  ShippoTrackSchema,
  type ShippoManifest,
  type ShippoRate,
  type ShippoShipment,
} from './shippo.schema';

export interface ShippoPlatformOptions {
  /** `https://api.goshippo.com`, or the sandbox's `http://127.0.0.1:<port>`. */
  baseUrl: string;
  apiKey: string;
  /** Per HTTP request; a label purchase can take seconds at some carriers. */
  timeoutMs?: number;
  observer?: RemoteCallObserver;
  /** The platform's request-rate limit (`sync.carrier.rps`). */
  limiter?: RequestLimiter;
  /** How to wait for labels, rates and manifests Shippo is still making (default every 1 s for up to 20 s). */
  poll?: Partial<PollOptions>;
}

/** The API version the schemas follow (Shippo's current spec); pinned so an account's older default cannot apply. */
export const SHIPPO_API_VERSION = '2018-02-08';
const DEFAULT_TIMEOUT_MS = 20_000;
/** Shipments known unbought, remembered for this many entries; a forgotten one is looked up before buying. */
const UNBOUGHT_KEEP = 1000;
const MAKING = new Set(['WAITING', 'QUEUED']);

/** A transaction's status once a refund was asked for, as a void outcome (the reconciliation readers use it too). */
export const VOID_BY_TRANSACTION: Readonly<Record<string, VoidOutcome['status']>> = { REFUNDPENDING: 'submitted', REFUNDED: 'refunded', REFUNDREJECTED: 'rejected' };
const VOID_BY_REFUND: Readonly<Record<string, VoidOutcome['status']>> = { QUEUED: 'submitted', PENDING: 'submitted', SUCCESS: 'refunded', ERROR: 'rejected' };
const MANIFEST_STATUS: Readonly<Record<string, Manifest['status']>> = { SUCCESS: 'created', QUEUED: 'pending', ERROR: 'failed' };

/** The HTTP layer of a Shippo account (auth, pinned version, errors, limits): the platform's, and any other reader's. */
export function shippoHttp(opts: ShippoPlatformOptions): PlatformHttp {
  const baseUrl = requireSecureUrl(opts.baseUrl, 'carrier baseUrl');
  if (!opts.apiKey) throw new StationError('CONFIG', 'carrier API key is missing');
  return new PlatformHttp({
    baseUrl,
    authorization: `ShippoToken ${opts.apiKey}`,
    headers: { 'shippo-api-version': SHIPPO_API_VERSION },
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    readError: readShippoError,
    codeFor: shippoCodeFor,
    observer: opts.observer,
    limiter: opts.limiter,
  });
}

export function createShippoPlatform(opts: ShippoPlatformOptions): ShippoPlatform {
  return new ShippoPlatform(opts);
}

export class ShippoPlatform implements CarrierPlatform {
  readonly kind = 'shippo' as const;

  private readonly http: PlatformHttp;
  private readonly poll: PollOptions;
  private readonly purchases: ShippoPurchases;
  private readonly unbought = new Map<string, ShippoRate[]>();
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(opts: ShippoPlatformOptions) {
    this.http = shippoHttp(opts);
    this.poll = { intervalMs: opts.poll?.intervalMs ?? 1000, withinMs: opts.poll?.withinMs ?? 20_000 };
    this.purchases = new ShippoPurchases(this.http, this.poll);
  }

  async verifyAddress(address: Address): Promise<AddressVerdict> {
    try {
      const reply = await this.http.json('POST', '/addresses', ShippoAddressSchema, { ...toShippoAddress(address), validate: true });
      return toVerdict(address, reply);
    } catch (e) {
      // A 400 here names what is wrong with the address itself (a missing city…): a verdict, not a failure.
      const errors = isStationError(e) && e.code === 'REJECTED' ? (e.detail as PlatformErrorDetail | undefined)?.errors ?? [] : [];
      if (errors.length > 0) return { ok: false, problems: errors };
      throw e;
    }
  }

  async quote(request: ShipmentRequest): Promise<Quote> {
    const created = await this.http.json('POST', '/shipments', ShippoShipmentSchema, toShipmentBody(request));
    const shipment = await this.settledShipment(created);
    this.remember(shipment.object_id, shipment.rates);
    return this.quoteOf(shipment);
  }

  buy(shipmentId: string, rateId: string, request: ShipmentRequest): Promise<Shipment> {
    return this.oneAtATime(shipmentId, async () => {
      let rates = this.unbought.get(shipmentId);
      // From here on a purchase may exist, whatever the outcome of this call.
      this.unbought.delete(shipmentId);
      if (rates === undefined) {
        const { shipment, purchase } = await this.lookUp(shipmentId, request, rateId);
        if (purchase) return this.purchases.toShipment(shipmentId, shipment.rates, purchase, Boolean(request.isReturn));
        rates = shipment.rates;
      }
      if (!rates.some((r) => r.object_id === rateId)) {
        throw new StationError('REJECTED', `rate ${rateId} is not one of Shippo shipment ${shipmentId}'s rates`, { detail: { code: 'RATE_NOT_OFFERED' } });
      }
      const transaction = await this.purchases.create(rateId, purchaseMetadata(shipmentId, request.reference));
      // A carrier's refusal bought nothing: the shipment is still known unbought.
      if (transaction.status === 'ERROR') this.remember(shipmentId, rates);
      return this.purchases.toShipment(shipmentId, rates, transaction, Boolean(request.isReturn));
    });
  }

  readBack(shipmentId: string, request: ShipmentRequest): Promise<ShipmentState> {
    return this.oneAtATime(shipmentId, async () => {
      const { shipment, purchase } = await this.lookUp(shipmentId, request);
      if (purchase) return { bought: await this.purchases.toShipment(shipmentId, shipment.rates, purchase, Boolean(request.isReturn)) };
      this.remember(shipmentId, shipment.rates);
      return { open: this.quoteOf(shipment) };
    });
  }

  async void(shipment: Shipment): Promise<VoidOutcome> {
    const transactionId = this.purchaseIdOf(shipment);
    // A refund already asked for answers its status: Shippo keeps it on the transaction.
    const current = await this.purchases.get(transactionId);
    const known = VOID_BY_TRANSACTION[current.status];
    if (known) return { status: known };
    const refund = await this.http.json('POST', '/refunds', ShippoRefundSchema, { transaction: transactionId, async: false });
    const status = VOID_BY_REFUND[refund.status];
    if (!status) throw new StationError('INVALID_REPLY', `Shippo refund ${refund.object_id} has an unknown status ${refund.status}`);
    return status === 'rejected' ? { status, detail: `Shippo refused refund ${refund.object_id} of transaction ${transactionId}` } : { status };
  }

  async manifest(shipments: readonly Shipment[], from: Address): Promise<Manifest> {
    const accounts = [...new Set(shipments.map((s) => s.rate.carrierAccount ?? ''))];
    const account = accounts[0];
    if (shipments.length === 0 || accounts.length !== 1 || !account) {
      throw new StationError('REJECTED', 'a Shippo manifest takes shipments of one carrier account, each with its account', { detail: { code: 'MANIFEST_ACCOUNTS' } });
    }
    const body = {
      carrier_account: account,
      shipment_date: new Date().toISOString(),
      address_from: toShippoAddress(from),
      transactions: shipments.map((s) => this.purchaseIdOf(s)),
      async: false,
    };
    const created = await this.http.json('POST', '/manifests', ShippoManifestSchema, body);
    const m = await settle(created, (x) => MAKING.has(x.status), () => this.getManifest(created.object_id), this.poll);
    return this.manifestOf(m, shipments);
  }

  async track(carrier: string, trackingCode: string): Promise<TrackingReport> {
    const path = `/tracks/${encodeURIComponent(carrierToken(carrier))}/${encodeURIComponent(trackingCode)}`;
    return shippoTrackingReport(await this.http.json('GET', path, ShippoTrackSchema, undefined, '/tracks/:carrier/:number'));
  }

  download(url: string): Promise<Buffer> {
    return this.http.download(url, 'document');
  }

  /** The shipment (rated) and the purchase it has, if any; `firstRateId`'s transactions are looked at first. */
  private async lookUp(shipmentId: string, request: ShipmentRequest, firstRateId?: string) {
    const read = await this.http.json('GET', `/shipments/${encodeURIComponent(shipmentId)}`, ShippoShipmentSchema);
    const shipment = await this.settledShipment(read);
    const reference = request.reference.slice(0, 100);
    // A mismatch means the ledger points at someone else's shipment: adopting or buying it would mis-ship a parcel.
    if (shipment.metadata && shipment.metadata !== reference) {
      throw new StationError('REJECTED', `Shippo shipment ${shipmentId} belongs to ${shipment.metadata}, not ${reference}`, { detail: { code: 'REFERENCE_MISMATCH' } });
    }
    const ids = shipment.rates.map((r) => r.object_id);
    const ordered = firstRateId && ids.includes(firstRateId) ? [firstRateId, ...ids.filter((id) => id !== firstRateId)] : ids;
    return { shipment, purchase: await this.purchases.find(ordered) };
  }

  private async settledShipment(first: ShippoShipment): Promise<ShippoShipment> {
    const reread = () => this.http.json('GET', `/shipments/${encodeURIComponent(first.object_id)}`, ShippoShipmentSchema);
    const shipment = await settle(first, (s) => MAKING.has(s.status), reread, this.poll);
    if (MAKING.has(shipment.status)) {
      throw new StationError('UNAVAILABLE', `Shippo is still rating shipment ${shipment.object_id}`, { detail: { code: shipment.status } });
    }
    return shipment;
  }

  private getManifest(id: string): Promise<ShippoManifest> {
    return this.http.json('GET', `/manifests/${encodeURIComponent(id)}`, ShippoManifestSchema);
  }

  private quoteOf(shipment: ShippoShipment): Quote {
    const messages = shipment.messages.map(messageText).filter((m) => m !== '');
    return { shipmentId: shipment.object_id, rates: shipment.rates.map(toRate), messages };
  }

  private manifestOf(m: ShippoManifest, shipments: readonly Shipment[]): Manifest {
    const status = MANIFEST_STATUS[m.status];
    if (!status) throw new StationError('INVALID_REPLY', `Shippo manifest ${m.object_id} has an unknown status ${m.status}`);
    const manifest: Manifest = {
      manifestId: m.object_id,
      carrier: shipments[0]?.rate.carrier ?? '',
      status,
      trackingCodes: status === 'failed' ? [] : shipments.map((s) => s.trackingCode),
      documentUrl: m.documents[0] ?? null,
    };
    return m.errors.length > 0 ? { ...manifest, detail: m.errors.join('; ') } : manifest;
  }

  private purchaseIdOf(shipment: Shipment): string {
    if (shipment.platform !== 'shippo' || !shipment.purchaseId) {
      throw new StationError('REJECTED', `shipment ${shipment.shipmentId} was not bought on Shippo`, { detail: { code: 'OTHER_PLATFORM' } });
    }
    return shipment.purchaseId;
  }

  private remember(shipmentId: string, rates: ShippoRate[]): void {
    this.unbought.delete(shipmentId);
    if (this.unbought.size >= UNBOUGHT_KEEP) this.unbought.delete(this.unbought.keys().next().value as string);
    this.unbought.set(shipmentId, rates);
  }

  /** Runs `work` after every earlier call on this shipment has ended, so two buys cannot both see it unbought. */
  private async oneAtATime<T>(shipmentId: string, work: () => Promise<T>): Promise<T> {
    const before = this.busy.get(shipmentId) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    this.busy.set(shipmentId, tail);
    try {
      return await run;
    } finally {
      if (this.busy.get(shipmentId) === tail) this.busy.delete(shipmentId);
    }
  }
}
