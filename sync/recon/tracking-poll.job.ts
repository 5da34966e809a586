/**
 * The fallback for webhooks that went quiet (a platform that stopped sending, a hub that was down when it did): each
 * shipment not in a final state and not heard from for `quietMs` is asked of its platform, and the answer goes
 * through the same ingestion as a webhook (source `poll`). One shipment's failure (timeout, unknown code, a platform
 * without a poller) is counted and logged and the batch goes on; the shipment stays quiet, so the next run asks again.
 */
import type { Clock, LogSink } from '../../app/ports';
import type { TrackingPoller, TrackingStore } from '../../app/recon/recon.ports';
import { errorMessage } from '../../app/domain/errors';
import type { TrackingIngestService } from './tracking-ingest.service';

export interface TrackingPollDeps {
  tracking: Pick<TrackingStore, 'quiet'>;
  ingest: Pick<TrackingIngestService, 'ingest'>;
  /** One per configured platform; a shipment of a platform without one is skipped. */
  pollers: readonly TrackingPoller[];
  clock: Pick<Clock, 'now'>;
  log: LogSink;
  /** hub.json `tracking.pollQuietHours`, in ms. */
  quietMs: number;
  /** hub.json `tracking.pollBatch`: how many shipments one run asks about at most. */
  batch: number;
}

export interface TrackingPollResult {
  polled: number;
  changed: number;
  failed: number;
  /** Shipments of a platform the hub has no account for. */
  skipped: number;
}

export async function runTrackingPoll(deps: TrackingPollDeps): Promise<TrackingPollResult> {
  const quiet = await deps.tracking.quiet(deps.clock.now() - deps.quietMs, deps.batch);
  const result: TrackingPollResult = { polled: 0, changed: 0, failed: 0, skipped: 0 };
  for (const shipment of quiet) {
    const poller = deps.pollers.find((p) => p.platform === shipment.platform);
    if (!poller) {
      result.skipped += 1;
      continue;
    }
    try {
      const { report, raw } = await poller.track(shipment.carrier ?? shipment.report.carrier, shipment.trackingCode);
      const outcome = await deps.ingest.ingest({ platform: shipment.platform, report, shipmentId: shipment.shipmentId, raw }, 'poll');
      result.polled += 1;
      if (outcome.changed) result.changed += 1;
    } catch (err) {
      result.failed += 1;
      deps.log.warn({ trackingCode: shipment.trackingCode, platform: shipment.platform, error: errorMessage(err) }, 'tracking poll of one shipment failed');
    }
  }
  if (result.skipped > 0) deps.log.warn({ skipped: result.skipped }, 'quiet shipments of a platform without an account were not polled');
  return result;
}
