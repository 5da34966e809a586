import { StationError } from '../domain/errors';
import type { OutboxEvent } from '../domain/outbox-event.schema';
import type { Parcel } from '../domain/parcel.schema';
import type { Shipment } from '../domain/shipment.schema';
import type { PersonRef } from '../people/person.schema';
import { HubLedgerEntrySchema, HubLedgerFactSchema, type HubLedgerEntry, type HubLedgerFact } from './ledger-event.schema';

/**
 * The station's business records as the facts its hub keeps (ledger-event.schema.ts). Each function is what one record
 * of the station's ledger says; the ledger queues the fact in the transaction that writes the record.
 */

/** The outbox order key of every hub fact: one key, so the hub receives the facts in the station's order. */
export const HUB_LEDGER_ORDER_KEY = 'hub:ledger';

interface PickingRef {
  pickingId: number;
  pickingName: string | null;
}

const fact = (f: HubLedgerFact): HubLedgerFact => HubLedgerFactSchema.parse(f);

/** Who was signed in when the record was written; a record naming nobody (a tool, no session) leaves `by` out. */
const byOf = (by: PersonRef | null | undefined): { by?: PersonRef } => (by ? { by } : {});

/** Platforms send money as decimal strings; a price the station cannot read is unknown, not zero. */
const priceOf = (rate: string): number | null => {
  const price = rate.trim() === '' ? Number.NaN : Number(rate);
  return Number.isFinite(price) ? price : null;
};

/** `items` counts the parcel's lines (products or moves): quantities may be fractional (kg), a count of lines never is. */
export const parcelPackedFact = (parcel: Parcel, pickingName: string | null, by?: PersonRef | null): HubLedgerFact =>
  fact({
    type: 'parcel.packed',
    pickingId: parcel.pickingId,
    pickingName,
    parcelIndex: parcel.index,
    weightG: parcel.weightG,
    packageTypeId: parcel.packageTypeId,
    items: parcel.items.length,
    ...byOf(by),
  });

/** A return label has no parcel: its `parcelIndex` is its number among the picking's returns (`<picking>#R<n>`). */
export const labelBoughtFact = (ref: PickingRef & { parcelIndex: number }, shipment: Shipment, by?: PersonRef | null): HubLedgerFact =>
  fact({
    type: 'label.bought',
    ...ref,
    shipmentId: shipment.shipmentId,
    trackingCode: shipment.trackingCode,
    carrier: shipment.rate.carrier || null,
    service: shipment.rate.service || null,
    price: priceOf(shipment.rate.rate),
    currency: shipment.rate.currency || null,
    isReturn: shipment.isReturn ?? false,
    ...byOf(by),
  });

export const labelPrintedFact = (ref: PickingRef & { parcelIndex: number }, by?: PersonRef | null): HubLedgerFact =>
  fact({ type: 'label.printed', ...ref, ...byOf(by) });

/** `startedAt`: when the picking was first scanned at the bench (time per picking), left out when unknown. */
export const pickingPackedFact = (ref: PickingRef, parcels: number, by?: PersonRef | null, startedAt?: number | null): HubLedgerFact =>
  fact({ type: 'picking.packed', ...ref, parcels, ...byOf(by), ...(startedAt != null ? { startedAt } : {}) });

export const pickingValidatedFact = (ref: PickingRef): HubLedgerFact => fact({ type: 'picking.validated', ...ref });

export const labelVoidedFact = (
  ref: PickingRef & { parcelIndex: number },
  voided: { shipmentId: string; trackingCode: string; reason: string; by: string },
): HubLedgerFact =>
  fact({
    type: 'label.voided',
    ...ref,
    shipmentId: voided.shipmentId,
    trackingCode: voided.trackingCode,
    reason: voided.reason,
    by: voided.by,
  });

/**
 * The entry the hub stores for a queued fact: its outbox id is its `seq` (the hub keeps (station, seq) unique, so a
 * batch sent again after a lost acknowledgement changes nothing) and its queueing time is `at`.
 */
export function ledgerEntryOf(event: OutboxEvent): HubLedgerEntry {
  const payload = event.payload;
  if (payload.type !== 'hub.fact') throw new StationError('REJECTED', `hub deliverer: a ${payload.type} is not a ledger fact`);
  return HubLedgerEntrySchema.parse({ seq: event.id, at: event.createdAt, fact: payload.fact });
}
