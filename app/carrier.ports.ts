/**
 * Ports to carrier platforms. `CarrierPlatform` is one platform (EasyPost, Shippo) as a set of conversations: it
 * decides nothing. `CarrierGateway` is what the packing flow uses: it checks, quotes, applies the station's rate
 * policy and buys, whatever platform is behind it.
 */
import type { Address, AddressVerdict, CarrierException, CarrierKind, CarrierProblem, Dpi, Manifest, PackageType, Rate, Shipment, TrackingReport, VoidOutcome } from './domain';

export interface ShipmentRequest {
  /** Our idempotency reference, e.g. `WH/OUT/00012#1` (a return: `WH/OUT/00012#R1`). */
  reference: string;
  from: Address;
  to: Address;
  parcel: { weightG: number; packageType: PackageType | null };
  labelDpi: Dpi;
  /** Legacy preferred services (`carrier.services`); the gateway's policy uses them when no policy is configured. */
  services: string[];
  /** The Odoo delivery carrier's name, which selects a per-carrier rate policy. */
  odooCarrier?: string | null;
  /** The picking's deadline (ISO date) for a `byDeadline` policy. */
  deadline?: string | null;
  /**
   * A return label: the parcel goes from `to` back to `from`. Platforms take the outbound addresses with a return
   * flag (EasyPost `is_return`, Shippo `extra.is_return`) and swap them on the label.
   */
  isReturn?: boolean;
}

/** A shipment created on the platform with the rates it offers; nothing is bought yet. */
export interface Quote {
  shipmentId: string;
  rates: Rate[];
  /** What the platform said about carriers that offered no rate (e.g. "UPS: service unavailable for this ZIP"). */
  messages: string[];
}

/** A shipment as the platform holds it now: bought (with its label) or still open with its rates. */
export type ShipmentState = { bought: Shipment } | { open: Quote };

export interface CarrierPlatform {
  readonly kind: CarrierKind;
  /** The platform's verification of a destination address. An address it cannot verify is `ok: false`, not an error. */
  verifyAddress(address: Address): Promise<AddressVerdict>;
  /** Creates the shipment for a parcel and returns its rates. */
  quote(request: ShipmentRequest): Promise<Quote>;
  /**
   * Buys `rateId` on the shipment and returns it with its label as ZPL (at the dpi the platform gives; `Label.dpi`
   * says which). A shipment already bought answers with its existing label: never a second purchase.
   */
  buy(shipmentId: string, rateId: string, request: ShipmentRequest): Promise<Shipment>;
  /** Reads a shipment back after an unknown outcome (a lost reply, a crash): bought → adopt it; open → buy it. */
  readBack(shipmentId: string, request: ShipmentRequest): Promise<ShipmentState>;
  /** Asks for the label's postage back. Voiding one already voided answers its current status, not an error. */
  void(shipment: Shipment): Promise<VoidOutcome>;
  /** The end-of-day form for these shipments (all of one carrier account), bought by this account today. */
  manifest(shipments: readonly Shipment[], from: Address): Promise<Manifest>;
  /** Tracking of one shipment, through the canonical model. */
  track(carrier: string, trackingCode: string): Promise<TrackingReport>;
  /** The platform's form as bytes (a manifest's PDF). */
  download(url: string): Promise<Buffer>;
}

export interface CarrierGateway {
  /**
   * Checks the parcel and address, creates the shipment, chooses a rate by the station's policy, buys it and returns
   * the label as ZPL. `existingShipmentId` resumes a purchase that was interrupted (never buys twice). A parcel that
   * cannot be bought as asked (invalid address, no rate, above the price ceiling…) is refused with a
   * `StationError('REJECTED')` whose `detail.carrierException` is a `CarrierProblem`.
   */
  buyLabel(request: ShipmentRequest, existingShipmentId?: string): Promise<Shipment>;
  /** Called as soon as a shipment id exists, before the purchase, so a crash can resume. */
  onShipmentCreated?: (reference: string, shipmentId: string) => void;
}

/** A parcel (or picking) the carrier desk could not serve as asked, for a supervisor to resolve. */
export interface CarrierExceptionRaise extends CarrierProblem {
  pickingId: number;
  pickingName: string;
  parcelIndex: number | null;
}

/** The carrier exception work queue (README "Carrier exceptions"). */
export interface CarrierExceptionQueue {
  /** Opens an exception, or refreshes the open one of the same parcel and kind; returns its id. */
  raise(exception: CarrierExceptionRaise): number;
  open(): CarrierException[];
  /** Resolves an open exception; false when it was not open. */
  resolve(id: number, by: string, resolution: string): boolean;
  /** Resolves the open exceptions of a parcel (its label was bought after all). */
  resolveParcel(pickingId: number, parcelIndex: number, by: string, resolution: string): number;
}
