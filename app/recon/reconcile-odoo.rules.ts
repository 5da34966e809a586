import type { ExceptionFinding, SuggestedAction } from './exception.schema';
import { liveOutboundLabels, packedParcels } from './ledger-pickings';
import type { LedgerPicking, OdooPickingFacts } from './recon-input.schema';
import { codeKey, codesText, finding, pickingText, plural, timeText, type ReconContext } from './reconcile-context';

const MINUTE = 60_000;

/** Older than the grace Odoo has to be told what the station did (policy.packedGraceMinutes). */
const pastPackedGrace = (ctx: ReconContext, at: number | null): boolean => at !== null && ctx.input.now - at > ctx.input.policy.packedGraceMinutes * MINUTE;

const codesOf = (labels: readonly { trackingCode: string | null }[]): string[] => labels.flatMap((l) => (l.trackingCode === null ? [] : [l.trackingCode]));

/**
 * packed_not_done: the station packed the picking (past the grace) and Odoo does not have it done — in another
 * state, cancelled, or no longer there at all. Re-packed pickings go by the latest packing (latestPackings).
 */
export function packedNotDone(ctx: ReconContext): ExceptionFinding[] {
  const found: ExceptionFinding[] = [];
  for (const [pickingId, packing] of ctx.packings) {
    if (packing.packedAt === null || !pastPackedGrace(ctx, packing.packedAt)) continue;
    const odoo = ctx.odooById.get(pickingId);
    if (odoo?.state === 'done') continue;
    const name = pickingText(odoo?.name ?? packing.pickingName, pickingId);
    const parcels = packedParcels(packing).length;
    const packed = `${name} was packed at ${packing.stationId} on ${timeText(packing.packedAt)} (${plural(parcels, 'parcel')}, tracking ${codesText(codesOf(liveOutboundLabels(packing)))})`;
    const acknowledged = packing.validatedAt === null ? '' : `; the station's validation was acknowledged on ${timeText(packing.validatedAt)}`;
    const [odooSays, suggestedAction]: [string, SuggestedAction] =
      odoo === undefined
        ? [`Odoo has no picking ${pickingId} (deleted?)${acknowledged}.`, { code: 'check_picking_in_odoo', text: `Find out what became of ${name} in Odoo; void its labels if it no longer ships.` }]
        : odoo.state === 'cancel'
          ? [`it is cancelled in Odoo${acknowledged}: its labels may need voiding.`, { code: 'check_picking_in_odoo', text: `Check why ${name} was cancelled in Odoo; void its labels if it does not ship.` }]
          : [`Odoo has it ${odoo.state}, not done${acknowledged}.`, { code: 'validate_in_odoo', text: `Validate ${name} in Odoo (the station's dead letters say why its validation failed).` }];
    found.push(
      finding('packed_not_done', String(pickingId), {
        severity: 'critical',
        stationId: packing.stationId,
        pickingId,
        pickingName: odoo?.name ?? packing.pickingName,
        detail: `${packed}, but ${odooSays}`,
        suggestedAction,
      }),
    );
  }
  return found;
}

/**
 * done_missing_tracking / _label / _weight: done in Odoo without what the station bought or weighed before the grace
 * (the station writes tracking, label copy and weight before it validates, so a picking done without them was
 * validated around the station or lost a write). Only the latest packing counts; return labels are never expected.
 * The label copy follows the labels bought: the station attaches every bought label to its picking.
 */
export function doneMissing(ctx: ReconContext): ExceptionFinding[] {
  const found: ExceptionFinding[] = [];
  for (const odoo of ctx.input.odoo) {
    const packing = ctx.packings.get(odoo.id);
    if (odoo.state !== 'done' || packing === undefined) continue;
    const labels = liveOutboundLabels(packing).filter((l) => pastPackedGrace(ctx, l.boughtAt));
    const common = { stationId: packing.stationId, pickingId: odoo.id, pickingName: odoo.name };
    const refs = new Set(odoo.trackingRefs.map(codeKey));
    const missing = codesOf(labels).filter((code) => !refs.has(codeKey(code)));
    if (missing.length > 0) {
      found.push(
        finding('done_missing_tracking', String(odoo.id), {
          ...common,
          trackingCode: missing.length === 1 ? missing[0] : null,
          detail: `${odoo.name} is done in Odoo without ${missing.length === 1 ? 'the tracking code' : 'the tracking codes'} ${codesText(missing)} that ${packing.stationId} bought (Odoo has: ${codesText(odoo.trackingRefs)}).`,
          suggestedAction: { code: 'write_tracking_to_odoo', text: `Add ${codesText(missing)} to the Tracking Reference of ${odoo.name} in Odoo.` },
        }),
      );
    }
    if (odoo.attachments === 0 && labels.length > 0) {
      found.push(
        finding('done_missing_label', String(odoo.id), {
          ...common,
          detail: `${odoo.name} is done in Odoo with no attachment, but ${packing.stationId} bought ${plural(labels.length, 'label')} for it (${codesText(codesOf(labels))}) and attaches a copy of each.`,
          suggestedAction: { code: 'attach_label_in_odoo', text: `Attach the label copies of ${odoo.name} in Odoo (reprint from the station).` },
        }),
      );
    }
    const weighed = packedParcels(packing).filter((p) => p.weightG !== null && pastPackedGrace(ctx, p.packedAt));
    if ((odoo.shippingWeightG ?? 0) <= 0 && weighed.length > 0) found.push(missingWeight(odoo, packing, weighed));
  }
  return found;
}

function missingWeight(odoo: OdooPickingFacts, packing: LedgerPicking, weighed: readonly { weightG: number | null }[]): ExceptionFinding {
  const totalG = Math.round(weighed.reduce((sum, p) => sum + (p.weightG ?? 0), 0));
  return finding('done_missing_weight', String(odoo.id), {
    stationId: packing.stationId,
    pickingId: odoo.id,
    pickingName: odoo.name,
    detail: `${odoo.name} is done in Odoo without a shipping weight, but ${packing.stationId} weighed ${plural(weighed.length, 'parcel')}: ${totalG} g in all.`,
    suggestedAction: { code: 'write_weight_to_odoo', text: `Enter ${totalG / 1000} kg as the shipping weight of ${odoo.name} in Odoo.` },
  });
}

/**
 * unknown_tracking: done in Odoo with a tracking code no station bought (voided and return labels included) and
 * neither the platforms nor the tracking ingestion know. Pickings done within the orphan grace wait: the station's
 * facts may still be on their way to the hub. Without platform facts the ledger and tracking decide alone.
 */
export function unknownTracking(ctx: ReconContext): ExceptionFinding[] {
  const { now, policy } = ctx.input;
  const found: ExceptionFinding[] = [];
  for (const odoo of ctx.input.odoo) {
    if (odoo.state !== 'done' || (odoo.dateDone !== null && now - odoo.dateDone <= policy.orphanGraceMinutes * MINUTE)) continue;
    const unknown = [...new Set(odoo.trackingRefs.map((r) => r.trim()))].filter((code) => {
      const key = codeKey(code);
      return key !== '' && !ctx.ownedCodes.has(key) && !ctx.platformByCode.has(key) && !ctx.trackedByCode.has(key);
    });
    if (unknown.length === 0) continue;
    found.push(
      finding('unknown_tracking', String(odoo.id), {
        stationId: ctx.packings.get(odoo.id)?.stationId ?? null,
        pickingId: odoo.id,
        pickingName: odoo.name,
        trackingCode: unknown.length === 1 ? unknown[0] : null,
        detail: `${odoo.name} is done in Odoo with ${unknown.length === 1 ? 'the tracking code' : 'the tracking codes'} ${codesText(unknown)} that no station bought and no carrier platform knows (entered by hand?).`,
        suggestedAction: { code: 'check_picking_in_odoo', text: `Check the Tracking Reference of ${odoo.name} in Odoo against the parcel that shipped.` },
      }),
    );
  }
  return found;
}
