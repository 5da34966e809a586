import { useMemo, useState } from 'react';
import { AlertsPanel } from './alerts.panel';
import { ChartsPanel } from './charts/charts.panel';
import { FleetGrid } from './grid/fleet-grid.view';
import { StationDetail } from './station/station-detail.view';
import { activeAlerts } from './state/fleet-alerts';
import { filterStations, sortStations } from './state/fleet-rows';
import type { Fleet } from './state/use-fleet';
import { useNow } from './state/use-now';

/** Every station at a glance (problems first), the alerts, the charts, and the station a supervisor opened. */
export function FleetPage({ fleet, canCommand }: { fleet: Fleet; canCommand: boolean }) {
  // Ages are measured on the hub's clock, which decided when stations went offline.
  const now = useNow() + fleet.skewMs;
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const rows = useMemo(() => filterStations(sortStations(fleet.rows, now), query, now), [fleet.rows, query, now]);
  const alerts = useMemo(() => activeAlerts(fleet.snapshot?.alerts ?? [], fleet.rows), [fleet.snapshot, fleet.rows]);
  const open = selected === null ? null : (fleet.rows.find((r) => r.stationId === selected) ?? null);
  const online = fleet.rows.filter((r) => r.online).length;

  return (
    <main className="fleet">
      {fleet.error && (
        <div className="command-error" role="alert" data-testid="fleet-error">
          {fleet.error}
        </div>
      )}
      <AlertsPanel alerts={alerts} now={now} onSelect={setSelected} />
      <section className="panel fleet-main" aria-labelledby="grid-title">
        <div className="panel-head">
          <h2 className="panel-title" id="grid-title">
            Stations <span data-testid="fleet-online-count">{online}</span>/<span data-testid="fleet-station-count">{fleet.rows.length}</span> online
          </h2>
          <input
            className="fleet-input filter"
            type="search"
            placeholder="Filter: station, state, picking, problem…"
            aria-label="Filter stations"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="fleet-filter"
          />
        </div>
        {fleet.snapshot === null && !fleet.error ? (
          <p className="muted">Loading…</p>
        ) : (
          <FleetGrid
            rows={rows}
            now={now}
            selected={selected}
            onSelect={setSelected}
            empty={fleet.rows.length === 0 ? 'No station yet: an admin issues each station a token (Tokens page), then it appears here.' : 'No station matches the filter.'}
          />
        )}
      </section>
      {open && <StationDetail key={open.stationId} row={open} now={now} canCommand={canCommand} onClose={() => setSelected(null)} />}
      <ChartsPanel />
    </main>
  );
}
