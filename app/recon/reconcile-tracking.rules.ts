import type { TrackingStatus } from '../domain/tracking.schema';
import type { ExceptionFinding } from './exception.schema';
import { liveOutboundLabels } from './ledger-pickings';
import { codeKey, finding, pickingText, plural, timeText, type ReconContext } from './reconcile-context';

const DAY = 86_400_000;
const NO_PROGRESS: readonly TrackingStatus[] = ['unknown', 'pre_transit'];

/**
 * no_tracking_progress: a station's live outbound label (every station's, not only the latest packing: a label left
 * live by a re-pack never moves either) older than policy.noProgressDays whose carrier status is still unknown or
 * pre-transit. The hub's tracking ingestion speaks first; else the platform's own tracking state. A label neither
 * knows is not judged (nothing was read about it); a label refunded at the platform is not expected to move.
 */
export function noTrackingProgress(ctx: ReconContext): ExceptionFinding[] {
  const { now, policy } = ctx.input;
  const found: ExceptionFinding[] = [];
  for (const picking of ctx.input.ledger) {
    for (const label of liveOutboundLabels(picking)) {
      if (label.shipmentId === null || label.trackingCode === null) continue;
      const tracked = ctx.trackedByCode.get(codeKey(label.trackingCode));
      const platform = ctx.platformByShipment.get(label.shipmentId) ?? ctx.platformByCode.get(codeKey(label.trackingCode));
      if (tracked === undefined && platform === undefined) continue;
      if (platform?.refundStatus === 'submitted' || platform?.refundStatus === 'refunded') continue;
      const status: TrackingStatus = tracked?.status ?? platform?.trackingStatus ?? 'unknown';
      const labelAt = label.boughtAt ?? tracked?.labelAt ?? platform?.createdAt ?? null;
      if (labelAt === null || now - labelAt <= policy.noProgressDays * DAY || !NO_PROGRESS.includes(status)) continue;
      const lastEventAt = tracked === undefined ? (platform?.lastTrackingAt ?? null) : tracked.lastEventAt;
      const carrier = label.carrier ?? tracked?.carrier ?? platform?.carrier ?? 'the carrier';
      const days = Math.floor((now - labelAt) / DAY);
      found.push(
        finding('no_tracking_progress', label.shipmentId, {
          stationId: label.stationId,
          pickingId: label.pickingId,
          pickingName: label.pickingName,
          shipmentId: label.shipmentId,
          trackingCode: label.trackingCode,
          detail:
            `${carrier} ${label.trackingCode} of parcel ${label.parcelIndex} of ${pickingText(label.pickingName, label.pickingId)} at ${label.stationId}: ` +
            `label bought ${timeText(labelAt)} (${plural(days, 'day')} ago), still ${status.replace('_', ' ')}` +
            `${lastEventAt === null ? ', no carrier scan' : `, last event ${timeText(lastEventAt)}`}.`,
          suggestedAction: { code: 'contact_carrier', text: `Ask ${carrier} whether ${label.trackingCode} was picked up.` },
        }),
      );
    }
  }
  return found;
}
