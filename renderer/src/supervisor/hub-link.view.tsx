import type { StationStatus } from '../../../app/domain/status.schema';
import { formatTime } from '../state/format';

/** The station's link to its hub: connected since when, or why not (a refused token says so). */
export function HubLinkView({ hub }: { hub: NonNullable<StationStatus['hub']> }) {
  const tone = hub.connected ? 'success' : 'warning';
  return (
    <dl className={`picking-meta row-${tone}`} data-testid="hub-link" data-tone={tone}>
      <dt>Hub</dt>
      <dd data-testid="hub-link-state">
        {hub.connected ? 'connected' : 'not connected'}
        {hub.since !== null && <span className="muted"> since {formatTime(hub.since)}</span>}
      </dd>
      <dt>Last error</dt>
      <dd className="wrap" data-testid="hub-link-error">
        {hub.lastError ?? '—'}
      </dd>
    </dl>
  );
}
