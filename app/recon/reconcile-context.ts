import { isDecimal } from '../carrier/decimal';
import type { ExceptionFinding, ExceptionKind, SuggestedAction } from './exception.schema';
import { latestPackings, ownedShipmentIds, ownedTrackingCodes } from './ledger-pickings';
import type { LedgerParcel, LedgerPicking, OdooPickingFacts, PlatformShipmentFacts, ReconInput, TrackedShipment } from './recon-input.schema';

/** One run's facts, indexed once for every rule. */
export interface ReconContext {
  input: ReconInput;
  odooById: Map<number, OdooPickingFacts>;
  /** The station packing Odoo should reflect, per picking (ledger-pickings.ts: latestPackings). */
  packings: Map<number, LedgerPicking>;
  /** Ledger parcels by their label's shipment id and tracking code (a live label before a voided one). */
  parcelByShipment: Map<string, LedgerParcel>;
  parcelByCode: Map<string, LedgerParcel>;
  ownedShipments: Set<string>;
  ownedCodes: Set<string>;
  platformByShipment: Map<string, PlatformShipmentFacts>;
  platformByCode: Map<string, PlatformShipmentFacts>;
  trackedByCode: Map<string, TrackedShipment>;
}

/** Tracking codes are compared as carriers print them: a code typed in Odoo in lower case is the same code. */
export const codeKey = (code: string): string => code.trim().toUpperCase();

function indexFirst<T>(items: readonly T[], keyOf: (item: T) => string | null, prefer: (a: T, b: T) => boolean = () => false): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const kept = map.get(key);
    if (kept === undefined || prefer(item, kept)) map.set(key, item);
  }
  return map;
}

export function reconContext(input: ReconInput): ReconContext {
  const parcels = input.ledger.flatMap((p) => p.parcels);
  const liveFirst = (a: LedgerParcel, b: LedgerParcel): boolean => a.voidedAt === null && b.voidedAt !== null;
  return {
    input,
    odooById: new Map(input.odoo.map((o) => [o.id, o])),
    packings: latestPackings(input.ledger),
    parcelByShipment: indexFirst(parcels, (p) => p.shipmentId, liveFirst),
    parcelByCode: indexFirst(parcels, (p) => (p.trackingCode === null ? null : codeKey(p.trackingCode)), liveFirst),
    ownedShipments: ownedShipmentIds(input.ledger),
    ownedCodes: new Set([...ownedTrackingCodes(input.ledger)].map(codeKey)),
    platformByShipment: indexFirst(input.platform, (s) => s.shipmentId),
    platformByCode: indexFirst(input.platform, (s) => (s.trackingCode === null ? null : codeKey(s.trackingCode))),
    trackedByCode: indexFirst(input.tracking, (t) => codeKey(t.trackingCode)),
  };
}

/** The ledger parcel that owns a platform shipment: by shipment id, else by tracking code. */
export const owningParcel = (ctx: ReconContext, shipment: PlatformShipmentFacts): LedgerParcel | null =>
  ctx.parcelByShipment.get(shipment.shipmentId) ?? (shipment.trackingCode === null ? null : ctx.parcelByCode.get(codeKey(shipment.trackingCode))) ?? null;

/** What every reconciliation finding has in common; the rule fills in the rest. */
export function finding(
  kind: ExceptionKind,
  subject: string,
  fields: Partial<Omit<ExceptionFinding, 'key' | 'kind' | 'source' | 'detail' | 'suggestedAction'>> & { detail: string; suggestedAction: SuggestedAction },
): ExceptionFinding {
  return {
    key: `${kind}:${subject}`,
    kind,
    severity: 'warning',
    source: 'reconciliation',
    stationId: null,
    pickingId: null,
    pickingName: null,
    shipmentId: null,
    trackingCode: null,
    amounts: null,
    ...fields,
  };
}

// ----------------------------------------------------------------------------------------------------- presentation

/** Minute precision in UTC: the same text on every hub, whatever its time zone. */
export const timeText = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const pickingText = (name: string | null | undefined, id: number): string => name ?? `picking ${id}`;

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const codesText = (codes: readonly string[]): string => (codes.length === 0 ? 'none' : codes.join(', '));

// ------------------------------------------------------------------------------------------------------------ money

/**
 * An amount in whole cents, rounded half away from zero on its decimal digits (`String(1.005)` is "1.005": 101 cents,
 * where `Math.round(1.005 * 100)` gives 100). Prices are compared in cents, never as floats.
 */
export function cents(amount: number): number {
  const text = String(amount);
  // Exponent notation: far below a cent or far beyond any price, where float rounding is exact enough.
  if (!isDecimal(text)) return Math.round(amount * 100);
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = text.replace('-', '').split('.');
  const whole = Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2)) + (Number(frac[2] ?? '0') >= 5 ? 1 : 0);
  return negative ? -whole : whole;
}

export function moneyText(amountCents: number, currency: string | null): string {
  const abs = Math.abs(amountCents);
  return `${amountCents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}${currency === null ? '' : ` ${currency}`}`;
}
