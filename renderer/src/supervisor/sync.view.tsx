import type { StationStatus } from '../../../app/domain/status.schema';
import { useT } from '../i18n/use-t';
import { ageOf, remoteName, timeOf } from './supervisor-words';

/** A backlog older than this means deliveries are stuck, not merely queued behind a slow request. */
const STUCK_AFTER_MS = 5 * 60_000;

export function SyncView({ sync }: { sync: StationStatus['sync'] }) {
  const words = useT();
  const { t } = words;
  if (sync.length === 0) return <p className="muted">{t('supervisor.sync.empty')}</p>;
  return (
    <table className="table" data-testid="sync-table">
      <thead>
        <tr>
          <th scope="col">{t('supervisor.sync.target')}</th>
          <th scope="col">{t('supervisor.sync.pending')}</th>
          <th scope="col">{t('supervisor.sync.oldest')}</th>
          <th scope="col">{t('supervisor.sync.reachable')}</th>
          <th scope="col">{t('supervisor.sync.lastSuccess')}</th>
          <th scope="col">{t('supervisor.sync.lastError')}</th>
        </tr>
      </thead>
      <tbody>
        {sync.map((target) => {
          const stuck = (target.oldestPendingAgeMs ?? 0) > STUCK_AFTER_MS;
          // An outage is waiting, not failing: its events are kept and go out by themselves when the remote is back.
          const down = target.unreachableSince !== null;
          const tone = down ? 'warning' : target.lastError ? 'error' : stuck ? 'warning' : target.depth > 0 ? 'progress' : 'success';
          const remote = remoteName(words, target.target);
          return (
            <tr key={target.target} className={`row-${tone}`} data-testid={`sync-${target.target}`} data-tone={tone}>
              <th scope="row">{remote}</th>
              <td className="num" data-testid={`sync-depth-${target.target}`}>
                {words.number(target.depth)}
              </td>
              <td data-testid={`sync-age-${target.target}`}>{ageOf(words, target.oldestPendingAgeMs)}</td>
              <td>
                <div data-testid={`sync-reach-${target.target}`}>
                  {target.throttledUntil
                    ? t('supervisor.sync.throttled', { remote, time: timeOf(words, target.throttledUntil) })
                    : down
                      ? t('supervisor.sync.down', { remote, time: timeOf(words, target.unreachableSince) })
                      : t('supervisor.sync.yes')}
                </div>
                {/* The station's own pacing, not the remote's: a backlog that waits here is not stuck. */}
                {target.rateLimited ? (
                  <div className="muted small" data-testid={`sync-rate-${target.target}`}>
                    {t('supervisor.sync.rate', { rps: target.rateLimited.rps, count: target.rateLimited.waiting })}
                  </div>
                ) : null}
              </td>
              <td data-testid={`sync-last-success-${target.target}`}>{timeOf(words, target.lastSuccessAt)}</td>
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
