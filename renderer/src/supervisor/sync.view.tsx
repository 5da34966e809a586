import type { StationStatus } from '../../../app/domain/status.schema';
import { formatAge, formatTime } from '../state/format';

/** A backlog older than this means deliveries are stuck, not merely queued behind a slow request. */
const STUCK_AFTER_MS = 5 * 60_000;

export function SyncView({ sync }: { sync: StationStatus['sync'] }) {
  if (sync.length === 0) return <p className="muted">No sync targets reported.</p>;
  return (
    <table className="table" data-testid="sync-table">
      <thead>
        <tr>
          <th scope="col">Target</th>
          <th scope="col">Pending</th>
          <th scope="col">Oldest pending</th>
          <th scope="col">Reachable</th>
          <th scope="col">Last success</th>
          <th scope="col">Last error</th>
        </tr>
      </thead>
      <tbody>
        {sync.map((target) => {
          const stuck = (target.oldestPendingAgeMs ?? 0) > STUCK_AFTER_MS;
          // An outage is waiting, not failing: its events are kept and go out by themselves when the remote is back.
          const down = target.unreachableSince !== null;
          const tone = down ? 'warning' : target.lastError ? 'error' : stuck ? 'warning' : target.depth > 0 ? 'progress' : 'success';
          return (
            <tr key={target.target} className={`row-${tone}`} data-testid={`sync-${target.target}`} data-tone={tone}>
              <th scope="row">{target.target}</th>
              <td className="num" data-testid={`sync-depth-${target.target}`}>
                {target.depth}
              </td>
              <td data-testid={`sync-age-${target.target}`}>{formatAge(target.oldestPendingAgeMs)}</td>
              <td>
                <div data-testid={`sync-reach-${target.target}`}>
                  {target.throttledUntil
                    ? `throttled by ${remoteName(target.target)} until ${formatTime(target.throttledUntil)}`
                    : down
                      ? `${remoteName(target.target)} unreachable since ${formatTime(target.unreachableSince)} — waiting`
                      : 'yes'}
                </div>
                {/* The station's own pacing, not the remote's: a backlog that waits here is not stuck. */}
                {target.rateLimited ? (
                  <div className="muted small" data-testid={`sync-rate-${target.target}`}>
                    {formatRateLimit(target.rateLimited)}
                  </div>
                ) : null}
              </td>
              <td data-testid={`sync-last-success-${target.target}`}>{formatTime(target.lastSuccessAt)}</td>
              <td className="wrap" data-testid={`sync-error-${target.target}`}>
                {target.lastError ?? '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** "rate limit 5/s: 12 requests waiting" */
function formatRateLimit({ rps, waiting }: { rps: number; waiting: number }): string {
  return `rate limit ${rps}/s: ${waiting} ${waiting === 1 ? 'request' : 'requests'} waiting`;
}

const REMOTE_NAMES: Readonly<Record<string, string>> = { odoo: 'Odoo', carrier: 'Carrier platform', hub: 'Hub' };
const remoteName = (target: string): string => REMOTE_NAMES[target] ?? target;
