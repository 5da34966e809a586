/**
 * One tracking report in (a verified webhook or a poll), through the canonical model: the store folds it into what
 * is known (never backwards: app/carrier/tracking.merge.ts) with the raw event, masked, for audit. Only a change of
 * the canonical status has consequences: Odoo is told (a notice queued for the picking), a failed delivery, a return
 * or a carrier exception opens (or is seen again in) its work queue, and the shipment's trail gets a `status` line.
 * A duplicate or a late older event changes nothing, so it does nothing.
 */
import type { TrackingReport, TrackingStatus } from '../../app/domain/tracking.schema';
import type { Clock, LogSink } from '../../app/ports';
import { maskPersonalData, maskPersonalText } from '../../app/recon/personal-data';
import type { ExceptionStore, OdooNoticeQueue, ShipmentAudit, TrackingChange, TrackingIngestOutcome, TrackingStore } from '../../app/recon/recon.ports';
import { eventOf, trackingFinding } from '../../app/recon/tracking-findings';

/** A platform's tracking report as a webhook or a poll delivers it. */
export interface TrackingUpdate {
  platform: 'easypost' | 'shippo';
  report: TrackingReport;
  /** EasyPost `shp_…`, or the Shippo transaction the track belongs to, when the platform says. */
  shipmentId: string | null;
  /** The platform's body as received (masked before it is stored). */
  raw: unknown;
}

export interface TrackingIngestDeps {
  tracking: Pick<TrackingStore, 'ingest'>;
  odooNotices: Pick<OdooNoticeQueue, 'enqueue'>;
  exceptions: Pick<ExceptionStore, 'raise'>;
  shipmentAudit: Pick<ShipmentAudit, 'append'>;
  clock: Pick<Clock, 'now'>;
  log?: LogSink;
}

export interface TrackingIngestResult {
  trackingCode: string;
  before: TrackingStatus | null;
  after: TrackingStatus;
  changed: boolean;
  newEvents: number;
  /** Odoo will be told (false: no picking known, or this status was queued before). */
  odooNotice: boolean;
  /** The exception opened or seen again, if the new status needs a person. */
  exceptionId: number | null;
}

/** Who writes exceptions and audit lines from tracking. */
const BY = 'hub';

export class TrackingIngestService {
  constructor(private readonly deps: TrackingIngestDeps) {}

  async ingest(update: TrackingUpdate, source: 'webhook' | 'poll'): Promise<TrackingIngestResult> {
    const { tracking, clock } = this.deps;
    const now = clock.now();
    const outcome = await tracking.ingest({
      platform: update.platform,
      source,
      report: withoutPersonalText(update.report),
      rawMasked: maskPersonalData(update.raw),
      shipmentId: update.shipmentId,
      receivedAt: now,
    });
    const { before, after, shipment } = outcome;
    // A shipment first heard of here starts from nothing known: only something known is a change.
    const changed = after !== (before ?? 'unknown');
    const result: TrackingIngestResult = { trackingCode: shipment.trackingCode, before, after, changed, newEvents: outcome.newEvents, odooNotice: false, exceptionId: null };
    if (!changed) {
      // A platform sends a webhook again when the hub failed to answer it: the status was folded, but what follows it
      // (Odoo's notice, the exception) may not have been written. Both are idempotent, so a repeat re-asserts them.
      if (source === 'webhook' && outcome.newEvents === 0 && after !== 'unknown') await this.followUps(outcome, result, now);
      return result;
    }

    const change = changeOf(outcome);
    const event = eventOf(shipment.report.events, after);
    await this.followUps(outcome, result, now);
    await this.deps.shipmentAudit.append([
      {
        at: now,
        shipmentId: shipment.shipmentId,
        trackingCode: shipment.trackingCode,
        pickingId: shipment.pickingId,
        system: update.platform,
        actor: 'platform',
        kind: 'status',
        summary: `${before ?? 'new'} → ${after} (${source})${change.description ? `: ${change.description}` : ''}`,
        data: { source, before, after, event, odooNotice: result.odooNotice, exceptionId: result.exceptionId },
      },
    ]);
    this.deps.log?.info({ trackingCode: shipment.trackingCode, before, after, source }, 'tracking status changed');
    return result;
  }

  /** Odoo's notice (once per code and status) and the exception a person must see, for the shipment's status now. */
  private async followUps(outcome: TrackingIngestOutcome, result: TrackingIngestResult, now: number): Promise<void> {
    const { shipment } = outcome;
    if (shipment.pickingId !== null) result.odooNotice = await this.deps.odooNotices.enqueue({ ...changeOf(outcome), pickingId: shipment.pickingId }, now);
    const finding = trackingFinding(outcome.before === outcome.after ? { ...outcome, before: null } : outcome);
    if (finding) result.exceptionId = (await this.deps.exceptions.raise(finding, BY, now)).id;
  }
}

function changeOf({ before, after, shipment }: TrackingIngestOutcome): Omit<TrackingChange, 'pickingId'> {
  const event = eventOf(shipment.report.events, after);
  const at = event ? Date.parse(event.at) : NaN;
  return {
    pickingName: shipment.pickingName,
    trackingCode: shipment.trackingCode,
    carrier: shipment.carrier,
    before,
    after,
    description: event?.description ?? '',
    location: event?.location ?? null,
    at: Number.isNaN(at) ? null : at,
  };
}

/** The carrier's words stay, a recipient's name or phone in them does not (the events are stored and shown). */
function withoutPersonalText(report: TrackingReport): TrackingReport {
  return { ...report, events: report.events.map((e) => ({ ...e, description: maskPersonalText(e.description) })) };
}
