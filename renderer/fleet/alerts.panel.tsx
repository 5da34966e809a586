import type { FleetAlert } from '../../app/hub/fleet.schema';
import { ALERT_TITLE, alertAge } from './state/fleet-alerts';

/** Conditions that have held long enough to need someone (the hub's thresholds), oldest first within each kind. */
export function AlertsPanel({ alerts, now, onSelect }: { alerts: FleetAlert[]; now: number; onSelect(id: string): void }) {
  return (
    <section className="panel" aria-labelledby="alerts-title" data-testid="alerts">
      <h2 className="panel-title" id="alerts-title">
        Alerts{' '}
        <span className={`count ${alerts.length > 0 ? 'count-error' : ''}`} data-testid="alert-count">
          {alerts.length}
        </span>
      </h2>
      {alerts.length === 0 ? (
        <p className="muted">No alerts.</p>
      ) : (
        <ul className="alerts" role="list">
          {alerts.map((alert) => (
            <li key={`${alert.kind}-${alert.stationId}`} className={`alert alert-${alert.kind}`} data-testid={`alert-${alert.kind}-${alert.stationId}`}>
              <button type="button" className="link-button" onClick={() => onSelect(alert.stationId)}>
                {alert.stationId}
              </button>{' '}
              <b>{ALERT_TITLE[alert.kind]}</b> <span className="muted small">{alertAge(alert, now)}</span>
              <div className="small">{alert.message}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
