import type { ExceptionFinding } from './exception.schema';
import type { LedgerParcel, PlatformShipmentFacts } from './recon-input.schema';
import { cents, codeKey, finding, moneyText, owningParcel, pickingText, timeText, type ReconContext } from './reconcile-context';

const MINUTE = 60_000;

/** A label being (or already) refunded costs nothing in the end: no orphan to void, no charge to question. */
const refunding = (s: PlatformShipmentFacts): boolean => s.refundStatus === 'submitted' || s.refundStatus === 'refunded';

function labelText(s: PlatformShipmentFacts): string {
  const service = [s.carrier, s.service].filter((v) => v !== null).join(' ');
  return `${service === '' ? '' : `${service} `}label ${s.shipmentId}${s.trackingCode === null ? '' : ` (${s.trackingCode})`}`;
}

const parcelText = (p: LedgerParcel): string => `parcel ${p.parcelIndex} of ${pickingText(p.pickingName, p.pickingId)} at ${p.stationId}`;

const ownerFields = (p: LedgerParcel | null, s: PlatformShipmentFacts) => ({
  stationId: p?.stationId ?? null,
  pickingId: p?.pickingId ?? null,
  pickingName: p?.pickingName ?? null,
  shipmentId: s.shipmentId,
  trackingCode: s.trackingCode,
});

/**
 * orphan_label: a label bought at a platform (it has a tracking code), not refunded or being refunded, older than
 * the orphan grace, that no station's parcel owns by shipment id or by tracking code (voided and return labels are
 * owned). A label whose refund was rejected stays an orphan, said so. The finding stays when the hub voids it.
 */
export function orphanLabels(ctx: ReconContext): ExceptionFinding[] {
  const { now, policy } = ctx.input;
  const found: ExceptionFinding[] = [];
  for (const s of ctx.input.platform) {
    if (s.trackingCode === null || refunding(s) || now - s.createdAt <= policy.orphanGraceMinutes * MINUTE) continue;
    if (ctx.ownedShipments.has(s.shipmentId) || ctx.ownedCodes.has(codeKey(s.trackingCode))) continue;
    const price = s.quotedPrice === null ? null : cents(s.quotedPrice);
    const reference = s.reference === null ? '' : `, reference ${s.reference}`;
    const rejected = s.refundStatus === 'rejected' ? ' A refund was asked and rejected.' : '';
    found.push(
      finding('orphan_label', `${s.platform}:${s.shipmentId}`, {
        ...ownerFields(null, s),
        detail: `${s.platform} ${labelText(s)}${reference}, bought ${timeText(s.createdAt)}${price === null ? '' : ` for ${moneyText(price, s.currency)}`}, belongs to no station's parcel.${rejected}`,
        amounts: price === null ? null : { unit: s.currency ?? 'currency', expected: 0, actual: price / 100, difference: price / 100 },
        suggestedAction: { code: 'void_label', text: `Void (refund) ${s.shipmentId} at ${s.platform} unless a parcel ships on it.` },
      }),
    );
  }
  return found;
}

/**
 * weight_variance: the carrier billed more than the station weighed, beyond max(weightToleranceG, weightTolerancePct
 * of the weighed). Only billed weight above the station's counts: a lighter billing is the carrier's loss, and money
 * is not ours to claim. Weights are compared in whole grams.
 */
export function weightVariances(ctx: ReconContext): ExceptionFinding[] {
  const { weightToleranceG, weightTolerancePct } = ctx.input.policy;
  const found: ExceptionFinding[] = [];
  for (const s of ctx.input.platform) {
    const parcel = owningParcel(ctx, s);
    if (s.billedWeightG === null || parcel?.weightG == null || refunding(s)) continue;
    const weighed = Math.round(parcel.weightG);
    const billed = Math.round(s.billedWeightG);
    const difference = billed - weighed;
    const allowed = Math.max(weightToleranceG, (weighed * weightTolerancePct) / 100);
    // A sliver above the tolerance absorbs float noise of the percentage (57.00000000000001 g is 57 g).
    if (difference <= allowed + 1e-6) continue;
    found.push(
      finding('weight_variance', s.shipmentId, {
        ...ownerFields(parcel, s),
        detail: `${s.platform} ${labelText(s)}: the carrier billed ${billed} g for ${parcelText(parcel)}, which weighed ${weighed} g — ${difference} g over (tolerance ${Math.round(allowed)} g).`,
        amounts: { unit: 'g', expected: weighed, actual: billed, difference },
        suggestedAction: { code: 'dispute_adjustment', text: `Dispute the weight with ${s.carrier ?? s.platform}: the station weighed ${weighed} g.` },
      }),
    );
  }
  return found;
}

/**
 * price_variance: charged beyond policy.priceTolerance above the price the station was quoted (its label.bought price
 * in the platform's currency; else the platform's quote). Compared in cents. An adjustment that speaks of weight is
 * disputed; other charges are reviewed.
 */
export function priceVariances(ctx: ReconContext): ExceptionFinding[] {
  const found: ExceptionFinding[] = [];
  const tolerance = cents(ctx.input.policy.priceTolerance);
  for (const s of ctx.input.platform) {
    if (s.chargedPrice === null || refunding(s)) continue;
    const parcel = owningParcel(ctx, s);
    const stationQuote = parcel?.price != null && (parcel.currency === null || s.currency === null || parcel.currency === s.currency) ? parcel.price : null;
    const quoted = stationQuote ?? s.quotedPrice;
    if (quoted === null) continue;
    const expected = cents(quoted);
    const actual = cents(s.chargedPrice);
    const difference = actual - expected;
    if (difference <= tolerance) continue;
    const currency = s.currency ?? parcel?.currency ?? null;
    const adjustments = s.adjustments.map((a) => `${a.reason} ${moneyText(cents(a.amount), currency)}`).join('; ');
    const byWeight = s.adjustments.some((a) => /weigh/i.test(a.reason));
    const whose = stationQuote === null ? 'the platform quoted' : `${parcel?.stationId ?? 'the station'} was quoted`;
    found.push(
      finding('price_variance', s.shipmentId, {
        ...ownerFields(parcel, s),
        detail:
          `${s.platform} ${labelText(s)}${parcel === null ? '' : ` for ${parcelText(parcel)}`}: charged ${moneyText(actual, currency)}, ${whose} ` +
          `${moneyText(expected, currency)} — ${moneyText(difference, currency)} more (tolerance ${moneyText(tolerance, currency)}). ` +
          `Adjustments: ${adjustments === '' ? 'none listed' : adjustments}.`,
        amounts: { unit: currency ?? 'currency', expected: expected / 100, actual: actual / 100, difference: difference / 100 },
        suggestedAction: byWeight
          ? { code: 'dispute_adjustment', text: `Dispute the weight adjustment with ${s.carrier ?? s.platform}.` }
          : { code: 'review_charge', text: `Review the charge of ${s.shipmentId} at ${s.platform}.` },
      }),
    );
  }
  return found;
}
