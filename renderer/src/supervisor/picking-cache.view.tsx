import type { StationStatus } from '../../../app/domain/status.schema';
import { formatAge, formatTime } from '../state/format';

/** Past this, the prefetched pickings may be missing what Odoo released since (several refresh periods missed). */
const STALE_AFTER_MS = 30 * 60_000;

/** How fresh the pickings this station can pack without Odoo are. */
export function PickingCacheView({ cache, at }: { cache: StationStatus['pickingCache']; at: number }) {
  if (!cache) return <p className="muted">This station keeps no picking cache.</p>;
  const age = cache.lastRefreshAt === null ? null : at - cache.lastRefreshAt;
  const stale = age === null || age > STALE_AFTER_MS;
  // An unreachable Odoo is what the cache is for: a warning while it lasts, not an error.
  const tone = !cache.enabled ? 'info' : cache.lastError ? 'warning' : stale ? 'warning' : 'success';
  return (
    <dl className={`picking-meta row-${tone}`} data-testid="picking-cache" data-tone={tone}>
      <dt>Pickings ready offline</dt>
      <dd data-testid="picking-cache-count">
        {cache.count}
        {!cache.enabled && <span className="muted"> — prefetch off (only scanned pickings)</span>}
      </dd>
      <dt>Last refresh</dt>
      <dd data-testid="picking-cache-refreshed">
        {formatTime(cache.lastRefreshAt)}
        {age !== null && <span className="muted"> ({formatAge(age)} ago)</span>}
        {cache.refreshing && <span className="muted"> — refreshing…</span>}
      </dd>
      <dt>Last error</dt>
      <dd className="wrap" data-testid="picking-cache-error">
        {cache.lastError ? `${cache.lastError} (${formatTime(cache.lastErrorAt)}) — keeping the last copies` : '—'}
      </dd>
    </dl>
  );
}
