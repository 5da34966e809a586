/**
 * EasyPost (`/v2` REST) as a `CarrierPlatform`: each method is one conversation with the platform, and deciding
 * (which rate, whether to verify) is left to the caller. Conversations whose reply can be lost are safe to repeat:
 * a second purchase, refund or scan form is refused by the platform, and the refusal is answered with what the
 * platform already holds (the bought label, the refund's status, the form) instead of an error or a second charge.
 */
import { easyPostTrackingReport } from '../../app/carrier/tracking.easypost';
import type { Address } from '../../app/domain/address.schema';
import type { AddressVerdict, Manifest, VoidOutcome } from '../../app/domain/carrier.schema';
import { StationError, isStationError } from '../../app/domain/errors';
import type { Shipment } from '../../app/domain/shipment.schema';
import type { TrackingReport } from '../../app/domain/tracking.schema';
import type { CarrierPlatform, Quote, RemoteCallObserver, RequestLimiter, ShipmentRequest, ShipmentState } from '../../app/ports';
import { requireSecureUrl } from '../http/url-policy';
import { addressVerdict, verdictFromRefusal } from './easypost.address';
import { readEasyPostError } from './easypost.errors';
import { toAddressParams, toShipmentBody } from './easypost.mapping';
import {
  EasyPostAddressSchema,
  EasyPostScanFormSchema,
  EasyPostShipmentSchema,
  EasyPostTrackerSchema,
  type EasyPostScanForm,
  type EasyPostShipment,
} from './easypost.schema';
import { assertSameReference, isBought, toQuote, toShipment } from './easypost.shipment';
import { PlatformHttp, type PlatformErrorDetail } from './platform-http';

export interface EasyPostPlatformOptions {
  /** e.g. `https://api.easypost.com/v2`, or `http://127.0.0.1:<port>/v2` for the sandbox. */
  baseUrl: string;
  apiKey: string;
  /** Per HTTP request; label purchase can take seconds at some carriers. */
  timeoutMs?: number;
  observer?: RemoteCallObserver;
  /** The request-rate limit of the platform (`sync.carrier.rps`). */
  limiter?: RequestLimiter;
}

const DEFAULT_TIMEOUT_MS = 20_000;

const shipmentPath = (id: string): string => `/shipments/${encodeURIComponent(id)}`;

const refused = (e: unknown): e is StationError => isStationError(e) && e.code === 'REJECTED';

export class EasyPostPlatform implements CarrierPlatform {
  readonly kind = 'easypost' as const;

  private readonly http: PlatformHttp;

  constructor(opts: EasyPostPlatformOptions) {
    this.http = easyPostHttp(opts);
  }

  async verifyAddress(address: Address): Promise<AddressVerdict> {
    try {
      const answered = await this.http.json('POST', '/addresses', EasyPostAddressSchema, { address: toAddressParams(address), verify: true });
      return addressVerdict(address, answered);
    } catch (e) {
      const verdict = verdictFromRefusal(e);
      if (verdict) return verdict;
      throw e;
    }
  }

  async quote(request: ShipmentRequest): Promise<Quote> {
    return toQuote(await this.http.json('POST', '/shipments', EasyPostShipmentSchema, toShipmentBody(request)));
  }

  async buy(shipmentId: string, rateId: string, request: ShipmentRequest): Promise<Shipment> {
    let bought: EasyPostShipment;
    try {
      bought = await this.http.json('POST', `${shipmentPath(shipmentId)}/buy`, EasyPostShipmentSchema, { rate: { id: rateId } });
    } catch (e) {
      // The platform refuses a second purchase (422). If an earlier attempt did buy it, that label is ours.
      if (!refused(e)) throw e;
      const current = await this.retrieve(shipmentId);
      if (!isBought(current)) throw e;
      bought = current;
    }
    assertSameReference(bought, request.reference);
    return toShipment(this.http, bought, rateId);
  }

  async readBack(shipmentId: string, request: ShipmentRequest): Promise<ShipmentState> {
    const current = await this.retrieve(shipmentId);
    assertSameReference(current, request.reference);
    return isBought(current) ? { bought: await toShipment(this.http, current) } : { open: toQuote(current) };
  }

  async void(shipment: Shipment): Promise<VoidOutcome> {
    const id = shipment.purchaseId ?? shipment.shipmentId;
    try {
      return voidOutcome(await this.http.json('POST', `${shipmentPath(id)}/refund`, EasyPostShipmentSchema, {}));
    } catch (e) {
      if (!refused(e)) throw e;
      // A refund asked for before (its reply perhaps lost) answers with its status; a refund refused is `rejected`.
      const current = await this.retrieve(id);
      if (current.refund_status) return voidOutcome(current);
      const code = (e.detail as Partial<PlatformErrorDetail> | undefined)?.code ?? '';
      if (code.includes('REFUND')) return { status: 'rejected', detail: e.message };
      throw e;
    }
  }

  /** EasyPost takes the origin from the shipments themselves (they must share it), so `from` is not sent. */
  async manifest(shipments: readonly Shipment[], _from: Address): Promise<Manifest> {
    const [first] = shipments;
    if (first === undefined) throw new StationError('REJECTED', 'an end-of-day form needs at least one shipment');
    const ids = shipments.map((s) => s.purchaseId ?? s.shipmentId);
    const carrier = first.rate.carrier;
    try {
      const form = await this.http.json('POST', '/scan_forms', EasyPostScanFormSchema, { shipments: ids.map((id) => ({ id })) });
      return toManifest(form, carrier);
    } catch (e) {
      if (!refused(e)) throw e;
      // A shipment can be on one form only: after a lost reply the retry is refused, and the form is already there.
      const form = (await this.retrieve(first.purchaseId ?? first.shipmentId)).scan_form;
      const codes = new Set(form?.tracking_codes ?? []);
      if (form && shipments.every((s) => codes.has(s.trackingCode))) return toManifest(form, carrier);
      throw e;
    }
  }

  async track(carrier: string, trackingCode: string): Promise<TrackingReport> {
    const tracker = await this.http.json('POST', '/trackers', EasyPostTrackerSchema, { tracker: { tracking_code: trackingCode, carrier } });
    return easyPostTrackingReport(tracker, carrier);
  }

  download(url: string): Promise<Buffer> {
    return this.http.download(url, 'form');
  }

  private retrieve(id: string): Promise<EasyPostShipment> {
    return this.http.json('GET', shipmentPath(id), EasyPostShipmentSchema);
  }
}

/** The HTTP layer of an EasyPost account (auth, errors, limits): the platform's, and any other reader of the account. */
export function easyPostHttp(opts: EasyPostPlatformOptions): PlatformHttp {
  const baseUrl = requireSecureUrl(opts.baseUrl, 'carrier baseUrl');
  if (!opts.apiKey) throw new StationError('CONFIG', 'carrier API key is missing');
  return new PlatformHttp({
    baseUrl,
    // Basic auth with the key as user and no password, as EasyPost's own clients send it.
    authorization: `Basic ${Buffer.from(`${opts.apiKey}:`).toString('base64')}`,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    readError: readEasyPostError,
    observer: opts.observer,
    limiter: opts.limiter,
  });
}

export function createEasyPostPlatform(opts: EasyPostPlatformOptions): EasyPostPlatform {
  return new EasyPostPlatform(opts);
}

/** `not_applicable`: bill-on-scan carriers charge nothing for a label never scanned, so there is nothing to get back. */
function voidOutcome(s: EasyPostShipment): VoidOutcome {
  const status = s.refund_status;
  if (status === 'submitted' || status === 'refunded' || status === 'rejected') return { status };
  if (status === 'not_applicable') return { status: 'refunded', detail: 'not_applicable: the carrier bills on scan; an unused label costs nothing' };
  if (!status) throw new StationError('INVALID_REPLY', `carrier refund of ${s.id} answered without a refund_status`);
  // A status this adapter does not know yet: the refund is asked for, its outcome still open.
  return { status: 'submitted', detail: `platform refund_status "${status}"` };
}

function toManifest(form: EasyPostScanForm, carrier: string): Manifest {
  const status = form.status === 'created' ? 'created' : form.status === 'failed' ? 'failed' : 'pending';
  return {
    manifestId: form.id,
    carrier,
    status,
    trackingCodes: form.tracking_codes,
    documentUrl: form.form_url ?? null,
    ...(form.message ? { detail: form.message } : {}),
  };
}
