import type { StationStatus } from '../../../app/domain/status.schema';
import { useT } from '../i18n/use-t';
import { ageOf, timeOf } from './supervisor-words';

/** Past this, the prefetched pickings may be missing what Odoo released since (several refresh periods missed). */
const STALE_AFTER_MS = 30 * 60_000;

/** How fresh the pickings this station can pack without Odoo are. */
export function PickingCacheView({ cache, at }: { cache: StationStatus['pickingCache']; at: number }) {
  const words = useT();
  const { t } = words;
  if (!cache) return <p className="muted">{t('supervisor.cache.none')}</p>;
  const age = cache.lastRefreshAt === null ? null : at - cache.lastRefreshAt;
  const stale = age === null || age > STALE_AFTER_MS;
  // An unreachable Odoo is what the cache is for: a warning while it lasts, not an error.
  const tone = !cache.enabled ? 'info' : cache.lastError ? 'warning' : stale ? 'warning' : 'success';
  return (
    <dl className={`picking-meta row-${tone}`} data-testid="picking-cache" data-tone={tone}>
      <dt>{t('supervisor.cache.ready')}</dt>
      <dd data-testid="picking-cache-count">
        {words.number(cache.count)}
        {!cache.enabled && <span className="muted"> — {t('supervisor.cache.prefetchOff')}</span>}
      </dd>
      <dt>{t('supervisor.cache.lastRefresh')}</dt>
      <dd data-testid="picking-cache-refreshed">
        {timeOf(words, cache.lastRefreshAt)}
        {age !== null && <span className="muted"> {t('supervisor.cache.ago', { age: ageOf(words, age) })}</span>}
        {cache.refreshing && <span className="muted"> — {t('supervisor.cache.refreshing')}</span>}
      </dd>
      <dt>{t('supervisor.sync.lastError')}</dt>
      <dd className="wrap" data-testid="picking-cache-error">
        {cache.lastError ? t('supervisor.cache.error', { error: cache.lastError, time: timeOf(words, cache.lastErrorAt) }) : '—'}
      </dd>
    </dl>
  );
}
