import type { HubLedgerEntry, HubLedgerFact } from '../hub/ledger-event.schema';
import type { LedgerParcel, LedgerPicking } from './recon-input.schema';

/** One fact as the hub stores it: the station that recorded it and its entry (seq, station time, fact). */
export interface StationLedgerEntry {
  stationId: string;
  entry: HubLedgerEntry;
}

type Bought = Extract<HubLedgerFact, { type: 'label.bought' }>;
type Voided = Extract<HubLedgerFact, { type: 'label.voided' }>;

interface Label {
  seq: number;
  isReturn: boolean;
  parcelIndex: number;
  shipmentId: string;
  trackingCode: string;
  bought: (Bought & { at: number }) | null;
  voidedAt: number | null;
}

interface Fold {
  stationId: string;
  pickingId: number;
  pickingName: string | null;
  packedAt: number | null;
  validatedAt: number | null;
  parcels: Map<number, { weightG: number; packedAt: number }>;
  labels: Label[];
  voids: Map<string, { seq: number; at: number; fact: Voided }>;
}

/**
 * The stations' uploaded ledger facts folded into pickings with parcels, one LedgerPicking per (station, picking).
 *
 * - Facts may come in any order and twice: each station's facts are applied in its own `seq` order, a (station, seq)
 *   seen twice counts once. Across stations nothing is ordered by time: each station's picking is folded on its own.
 * - A parcel's weight is its latest `parcel.packed` (a re-weighed box).
 * - Every label ever bought stays a LedgerParcel entry of its parcel, so that a voided label is still known (not an
 *   orphan at the platform). A parcel's current label is its latest `label.bought` not voided; an older one without
 *   a `label.voided` fact counts as voided when its replacement was bought — the station voids a parcel's label in the
 *   same transaction that buys a second one (sqlite-ledger: "duplicate label"), so only the fact can be missing.
 * - A `label.voided` whose `label.bought` the hub does not have is kept as a voided label of its parcel.
 * - Return labels are entries with `isReturn` (no weight): their `parcelIndex` numbers the picking's returns
 *   (`<picking>#R<n>`), so return 1 never replaces the label of parcel 1.
 * - `label.printed` is not kept: the station attaches a copy of every label it buys to the picking in Odoo, so a
 *   bought label is what Odoo's attachment follows.
 */
export function ledgerPickings(entries: readonly StationLedgerEntry[]): LedgerPicking[] {
  const ordered = [...entries].sort((a, b) => (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : a.entry.seq - b.entry.seq));
  const folds = new Map<string, Fold>();
  let last: StationLedgerEntry | null = null;
  for (const item of ordered) {
    if (last !== null && last.stationId === item.stationId && last.entry.seq === item.entry.seq) continue;
    last = item;
    const { fact } = item.entry;
    const key = `${item.stationId}\u0000${fact.pickingId}`;
    const fold = folds.get(key) ?? newFold(item.stationId, fact.pickingId);
    folds.set(key, fold);
    apply(fold, item.entry);
  }
  return [...folds.values()].map(toPicking).sort((a, b) => a.pickingId - b.pickingId || (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0));
}

const newFold = (stationId: string, pickingId: number): Fold => ({
  stationId,
  pickingId,
  pickingName: null,
  packedAt: null,
  validatedAt: null,
  parcels: new Map(),
  labels: [],
  voids: new Map(),
});

function apply(fold: Fold, { seq, at, fact }: HubLedgerEntry): void {
  if (fact.pickingName !== null) fold.pickingName = fact.pickingName;
  switch (fact.type) {
    case 'parcel.packed':
      fold.parcels.set(fact.parcelIndex, { weightG: fact.weightG, packedAt: at });
      return;
    case 'label.bought':
      if (fold.labels.some((l) => l.shipmentId === fact.shipmentId)) return;
      fold.labels.push({ seq, isReturn: fact.isReturn, parcelIndex: fact.parcelIndex, shipmentId: fact.shipmentId, trackingCode: fact.trackingCode, bought: { ...fact, at }, voidedAt: null });
      return;
    case 'label.voided':
      if (!fold.voids.has(fact.shipmentId)) fold.voids.set(fact.shipmentId, { seq, at, fact });
      return;
    case 'picking.packed':
      fold.packedAt = at;
      return;
    case 'picking.validated':
      fold.validatedAt = at;
      return;
    case 'label.printed':
      return;
  }
}

function toPicking(fold: Fold): LedgerPicking {
  const labels = fold.labels.map((l) => ({ ...l, voidedAt: fold.voids.get(l.shipmentId)?.at ?? null }));
  for (const [shipmentId, v] of fold.voids) {
    if (labels.some((l) => l.shipmentId === shipmentId)) continue;
    labels.push({ seq: v.seq, isReturn: false, parcelIndex: v.fact.parcelIndex, shipmentId, trackingCode: v.fact.trackingCode, bought: null, voidedAt: v.at });
  }
  labels.sort((a, b) => a.seq - b.seq);
  markReplaced(labels);
  const parcels: LedgerParcel[] = [];
  for (const index of outboundIndexes(fold, labels)) {
    const own = labels.filter((l) => !l.isReturn && l.parcelIndex === index);
    if (own.length === 0) parcels.push(parcelEntry(fold, index, false, null));
    for (const label of own) parcels.push(parcelEntry(fold, index, false, label));
  }
  for (const label of labels.filter((l) => l.isReturn).sort((a, b) => a.parcelIndex - b.parcelIndex || a.seq - b.seq)) {
    parcels.push(parcelEntry(fold, label.parcelIndex, true, label));
  }
  return { stationId: fold.stationId, pickingId: fold.pickingId, pickingName: fold.pickingName, packedAt: fold.packedAt, validatedAt: fold.validatedAt, parcels };
}

/** A live label followed by another label of the same parcel was replaced: voided when the next one was bought. */
function markReplaced(labels: Label[]): void {
  labels.forEach((label, i) => {
    if (label.voidedAt !== null) return;
    const next = labels.slice(i + 1).find((l) => l.isReturn === label.isReturn && l.parcelIndex === label.parcelIndex && l.bought !== null);
    if (next?.bought) label.voidedAt = next.bought.at;
  });
}

const outboundIndexes = (fold: Fold, labels: readonly Label[]): number[] =>
  [...new Set([...fold.parcels.keys(), ...labels.filter((l) => !l.isReturn).map((l) => l.parcelIndex)])].sort((a, b) => a - b);

function parcelEntry(fold: Fold, parcelIndex: number, isReturn: boolean, label: Label | null): LedgerParcel {
  const packed = isReturn ? undefined : fold.parcels.get(parcelIndex);
  const bought = label?.bought ?? null;
  return {
    stationId: fold.stationId,
    pickingId: fold.pickingId,
    pickingName: fold.pickingName,
    parcelIndex,
    weightG: packed?.weightG ?? null,
    packedAt: packed?.packedAt ?? null,
    shipmentId: label?.shipmentId ?? null,
    trackingCode: label?.trackingCode ?? null,
    carrier: bought?.carrier ?? null,
    service: bought?.service ?? null,
    price: bought?.price ?? null,
    currency: bought?.currency ?? null,
    isReturn,
    boughtAt: bought?.at ?? null,
    voidedAt: label?.voidedAt ?? null,
  };
}

// ------------------------------------------------------------------------------------------------------ reading them

/** Every platform shipment a station bought, voided ones included: a voided label is the station's, not an orphan. */
export const ownedShipmentIds = (pickings: readonly LedgerPicking[]): Set<string> =>
  new Set(pickings.flatMap((p) => p.parcels.flatMap((parcel) => (parcel.shipmentId === null ? [] : [parcel.shipmentId]))));

/** Every tracking code a station bought, voided and return labels included. */
export const ownedTrackingCodes = (pickings: readonly LedgerPicking[]): Set<string> =>
  new Set(pickings.flatMap((p) => p.parcels.flatMap((parcel) => (parcel.trackingCode === null ? [] : [parcel.trackingCode]))));

/** The picking's outbound labels in force: bought, not voided, not returns (what Odoo's tracking reference carries). */
export const liveOutboundLabels = (picking: LedgerPicking): LedgerParcel[] =>
  picking.parcels.filter((p) => !p.isReturn && p.shipmentId !== null && p.voidedAt === null);

/** One entry per outbound parcel (its live label's entry when it has one): what the station packed and weighed. */
export function packedParcels(picking: LedgerPicking): LedgerParcel[] {
  const byIndex = new Map<number, LedgerParcel>();
  for (const parcel of picking.parcels) {
    if (parcel.isReturn) continue;
    const kept = byIndex.get(parcel.parcelIndex);
    if (kept === undefined || kept.voidedAt !== null || kept.shipmentId === null) byIndex.set(parcel.parcelIndex, parcel);
  }
  return [...byIndex.values()].sort((a, b) => a.parcelIndex - b.parcelIndex);
}

const lastOutboundAt = (picking: LedgerPicking): number =>
  Math.max(-Infinity, ...picking.parcels.filter((p) => !p.isReturn).flatMap((p) => [p.packedAt ?? -Infinity, p.boughtAt ?? -Infinity, p.voidedAt ?? -Infinity]));

/**
 * Which station's packing Odoo should reflect, per picking. A picking packed at two stations (a re-pack) goes by the
 * station whose `picking.packed` is the newest; one no station has packed yet, by the station whose outbound facts
 * (parcels, labels) are the newest; ties by station id. Stations that only bought return labels for it are left out.
 * The other stations' labels stay theirs (owned, never orphans) but are not expected in Odoo.
 */
export function latestPackings(pickings: readonly LedgerPicking[]): Map<number, LedgerPicking> {
  const chosen = new Map<number, LedgerPicking>();
  for (const picking of pickings) {
    if (picking.packedAt === null && !picking.parcels.some((p) => !p.isReturn)) continue;
    const kept = chosen.get(picking.pickingId);
    if (kept === undefined || newerPacking(picking, kept)) chosen.set(picking.pickingId, picking);
  }
  return chosen;
}

function newerPacking(a: LedgerPicking, b: LedgerPicking): boolean {
  const packed = (a.packedAt ?? -Infinity) - (b.packedAt ?? -Infinity);
  if (packed !== 0 && !Number.isNaN(packed)) return packed > 0;
  const outbound = lastOutboundAt(a) - lastOutboundAt(b);
  if (outbound !== 0 && !Number.isNaN(outbound)) return outbound > 0;
  return a.stationId > b.stationId;
}
