/**
 * Everything the Shippo sandbox holds: addresses, shipments with their rates, transactions (purchases) with their
 * label files, refunds, manifests, and the logs tests read (`purchases`, `refunds`). The handlers in
 * shippo-sales.sim.ts and shippo-after-sale.sim.ts change it; the server only routes.
 */
import type { ShippoAddressInput } from './shippo-input.sim';
import type { IssuedLabel } from './shippo-tracks.sim';
import type { WireRate } from './shippo-wire.sim';

export interface SandboxOptions {
  /** Purchases answer QUEUED and become SUCCESS on the next read, as slow carriers do even with `async: false`. */
  queuedLabels: boolean;
  /** What a refund answers at once: QUEUED (live Shippo, the carrier confirms later) or SUCCESS (Shippo test mode). */
  refundStatus: 'QUEUED' | 'SUCCESS';
}

export interface AddressRecord {
  id: string;
  input: ShippoAddressInput;
  wire: Record<string, unknown>;
}

export interface ShipmentRecord {
  id: string;
  createdAt: string;
  from: AddressRecord;
  to: AddressRecord;
  parcels: Record<string, unknown>[];
  weightG: number;
  isReturn: boolean;
  metadata: string;
  extra: Record<string, unknown>;
  rates: WireRate[];
  messages: { source: string; code: string; text: string }[];
}

export interface TransactionRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: string;
  rate: WireRate;
  shipmentId: string;
  parcelId: string;
  trackingNumber: string | null;
  labelFileType: string;
  metadata: string;
  messages: { source: string; code: string; text: string }[];
  /** The carrier's tracking status when it is past PRE_TRANSIT (seeded labels). */
  trackingStatus?: string;
  /** Reads left before a QUEUED purchase is SUCCESS. */
  readsUntilReady: number;
  /** The label behind `label_url`. */
  file: { kind: 'zpl' | 'pdf'; bytes: Buffer } | null;
}

export interface RefundRecord {
  id: string;
  createdAt: string;
  status: string;
  transactionId: string;
}

export interface ManifestRecord {
  wire: Record<string, unknown>;
  pdf: Buffer | null;
}

export class ShippoState {
  readonly addresses = new Map<string, AddressRecord>();
  readonly shipments = new Map<string, ShipmentRecord>();
  readonly rates = new Map<string, WireRate>();
  readonly transactions = new Map<string, TransactionRecord>();
  readonly refunds = new Map<string, RefundRecord>();
  readonly manifests = new Map<string, ManifestRecord>();
  /** Labels sold, by tracking number, for `GET /tracks`. */
  readonly issued = new Map<string, IssuedLabel>();
  /** Every label bought, in order: a shipment listed twice is a double charge. */
  readonly bought: { shipmentId: string; trackingCode: string }[] = [];
  /** Every refund asked for, in order. */
  readonly refundLog: { trackingCode: string; status: string }[] = [];
  /** Purchases the carrier will not answer (`carrier_timeout`), taken one per transaction. */
  carrierTimeouts = 0;

  constructor(readonly options: SandboxOptions) {}
}
