import { z } from 'zod';
import type { HubStore } from '../../app/hub/hub.ports';
import type { Clock } from '../../app/ports';
import type { JobRun } from '../../app/recon/recon.ports';
import { runOdooNotify } from '../../sync/recon/odoo-notify.job';
import { runReconciliation, type ReconcileWindow } from '../../sync/recon/reconcile.job';
import { runTrackingPoll } from '../../sync/recon/tracking-poll.job';
import { TrackingIngestService } from '../../sync/recon/tracking-ingest.service';
import type { Log } from '../log';
import type { ResolvedHubConfig } from './hub-config';
import { startJobRunner, type JobHandler, type JobRunner } from './job-runner';
import type { ReconSystems } from './recon-readers';
import type { WebhookDeps } from './webhook-routes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A run whose hub has not beaten for this long is taken over (PGlite holds heartbeats behind long statements). */
const STALE_MS = 2 * MINUTE;

/** `station reconcile`, the fleet view's button and the scheduler all ask with this payload (ISO times). */
export const ReconcilePayloadSchema = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  /** The time the rules judge ages by (default: when the run starts); the reconcile scenario looks days ahead. */
  asOf: z.iso.datetime({ offset: true }).optional(),
});
export type ReconcilePayload = z.infer<typeof ReconcilePayloadSchema>;

/** The window of a run: from its `since` (or `lookbackHours` ago) until its `until` (or now). */
export function reconcileWindow(payload: Record<string, unknown>, config: ResolvedHubConfig, now: number): ReconcileWindow {
  const p = ReconcilePayloadSchema.parse(payload);
  const until = p.until ? Date.parse(p.until) : now;
  return { since: p.since ? Date.parse(p.since) : until - config.reconciliation.lookbackHours * HOUR, until, now: p.asOf ? Date.parse(p.asOf) : now };
}

/** With neither Odoo nor a platform there is nothing to compare the ledgers with: no scheduled run reads them for nothing. */
export const reconcileScheduled = (config: ResolvedHubConfig): boolean =>
  config.reconciliation.enabled && (config.odoo !== undefined || config.carriers.easypost !== undefined || config.carriers.shippo !== undefined);

export interface ReconDeps {
  store: HubStore;
  systems: ReconSystems;
  config: ResolvedHubConfig;
  clock: Clock;
  log: Log;
}

/** The handler of a reconciliation run (the hub's runner and `station reconcile` alike). */
export function reconcileHandler(deps: ReconDeps): JobHandler {
  const { store, systems, config, clock } = deps;
  return async (run: JobRun) => {
    const window = reconcileWindow(run.payload, config, clock.now());
    const by = run.requestedBy ? `hub (asked by ${run.requestedBy})` : 'hub';
    const summary = await runReconciliation(
      {
        ledger: store.ledger,
        tracking: store.tracking,
        exceptions: store.exceptions,
        audit: store.shipmentAudit,
        odoo: systems.odoo?.reader ?? null,
        platforms: systems.platforms,
        policy: config.reconciliation.policy,
      },
      window,
      by,
    );
    deps.log.info({ runId: run.id, ...summary }, 'reconciliation run done');
    return { ...summary };
  };
}

export function trackingIngest(store: HubStore, clock: Clock, log: Log): TrackingIngestService {
  return new TrackingIngestService({ tracking: store.tracking, odooNotices: store.odooNotices, exceptions: store.exceptions, shipmentAudit: store.shipmentAudit, clock, log });
}

/** The webhooks the hub serves: only platforms with a webhook secret configured. */
export function webhookDeps(config: ResolvedHubConfig, ingest: TrackingIngestService, clock: Clock, log: Log): WebhookDeps {
  const { easypost, shippo } = config.carriers;
  return {
    ingest,
    easypost: easypost?.webhookSecret ? { webhookSecret: easypost.webhookSecret } : undefined,
    shippo: shippo?.webhookSecret ? { webhookSecret: shippo.webhookSecret } : undefined,
    clock,
    log,
  };
}

/**
 * The hub's background jobs: reconciliation every `reconciliation.everyMinutes`, the tracking poll every
 * `tracking.pollEveryMinutes` (when a platform is configured), Odoo's notices every minute (when Odoo is) — each
 * period run once across every hub on the database.
 */
export function startReconJobs(deps: ReconDeps, hubId: string, ingest: TrackingIngestService): JobRunner {
  const { store, systems, config, clock, log } = deps;
  const tracking = config.tracking;
  const odoo = systems.odoo;
  return startJobRunner({
    hubId,
    jobs: store.jobs,
    clock,
    log,
    tickMs: 5_000,
    staleMs: STALE_MS,
    schedules: [
      { job: 'reconcile', everyMs: config.reconciliation.everyMinutes * MINUTE, enabled: reconcileScheduled(config) },
      { job: 'tracking-poll', everyMs: tracking.pollEveryMinutes * MINUTE, enabled: systems.pollers.length > 0 },
      { job: 'odoo-notify', everyMs: MINUTE, enabled: systems.odoo !== null },
    ],
    handlers: {
      reconcile: reconcileHandler(deps),
      'tracking-poll': async () => ({ ...(await runTrackingPoll({ tracking: store.tracking, ingest, pollers: systems.pollers, clock, log, quietMs: tracking.pollQuietHours * HOUR, batch: tracking.pollBatch })) }),
      ...(odoo ? { 'odoo-notify': async () => ({ ...(await runOdooNotify({ notices: store.odooNotices, notifier: odoo.notifier, clock, log })) }) } : {}),
    },
  });
}
