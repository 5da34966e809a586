import type { StationStatus } from '../../../app/domain/status.schema';
import { useT } from '../i18n/use-t';
import { timeOf } from './supervisor-words';

/** The station's link to its hub: connected since when, or why not (a refused token says so). */
export function HubLinkView({ hub }: { hub: NonNullable<StationStatus['hub']> }) {
  const words = useT();
  const { t } = words;
  const tone = hub.connected ? 'success' : 'warning';
  return (
    <dl className={`picking-meta row-${tone}`} data-testid="hub-link" data-tone={tone}>
      <dt>{t('supervisor.hub.title')}</dt>
      <dd data-testid="hub-link-state">
        {hub.connected ? t('supervisor.hub.connected') : t('supervisor.hub.notConnected')}
        {hub.since !== null && <span className="muted"> {t('supervisor.devices.since', { time: timeOf(words, hub.since) })}</span>}
      </dd>
      <dt>{t('supervisor.sync.lastError')}</dt>
      <dd className="wrap" data-testid="hub-link-error">
        {hub.lastError ?? '—'}
      </dd>
    </dl>
  );
}
