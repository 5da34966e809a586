/**
 * Drains the Odoo notice queue: each due change is posted to its picking (OdooTrackingNotifier), then marked done;
 * a failure is kept with its error and tried again later, each time twice as late (app/retry/backoff.ts), so an Odoo
 * that is down is not hammered and nothing is lost. Notices are claimed for `claimMs`, so two hubs draining the same
 * queue do not post the same change twice.
 */
import { errorMessage } from '../../app/domain/errors';
import type { Clock, LogSink } from '../../app/ports';
import type { OdooNoticeQueue, OdooTrackingNotifier } from '../../app/recon/recon.ports';
import { backoffMs, type BackoffOptions } from '../../app/retry/backoff';

export interface OdooNotifyDeps {
  notices: Pick<OdooNoticeQueue, 'due' | 'done' | 'failed'>;
  notifier: OdooTrackingNotifier;
  clock: Pick<Clock, 'now'>;
  log: LogSink;
  /** Notices claimed per round (default 50), rounds per run (default 20). */
  batch?: number;
  maxRounds?: number;
  /** How long a claimed notice is left to this hub (default 5 min). */
  claimMs?: number;
  backoff?: BackoffOptions;
}

export const ODOO_NOTICE_BACKOFF: BackoffOptions = { baseMs: 60_000, maxMs: 6 * 3_600_000 };

export interface OdooNotifyResult {
  sent: number;
  failed: number;
}

export async function runOdooNotify(deps: OdooNotifyDeps): Promise<OdooNotifyResult> {
  const batch = deps.batch ?? 50;
  const claimMs = deps.claimMs ?? 5 * 60_000;
  const result: OdooNotifyResult = { sent: 0, failed: 0 };
  for (let round = 0; round < (deps.maxRounds ?? 20); round += 1) {
    const due = await deps.notices.due(deps.clock.now(), batch, claimMs);
    for (const notice of due) {
      try {
        await deps.notifier.notify(notice);
        await deps.notices.done(notice.id, deps.clock.now());
        result.sent += 1;
      } catch (err) {
        const retryAt = deps.clock.now() + backoffMs(notice.attempts, deps.backoff ?? ODOO_NOTICE_BACKOFF);
        await deps.notices.failed(notice.id, errorMessage(err), retryAt);
        result.failed += 1;
        deps.log.warn({ noticeId: notice.id, trackingCode: notice.trackingCode, attempts: notice.attempts + 1, retryAt, error: errorMessage(err) }, 'odoo not told of a tracking change; trying again later');
      }
    }
    // A short round means the queue has nothing more due now (failed ones are due later).
    if (due.length < batch) break;
  }
  return result;
}
