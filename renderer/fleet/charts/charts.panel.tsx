import { useEffect, useState } from 'react';
import type { Charts } from '../../../app/hub/fleet-api.schema';
import { errorText, fleetApi } from '../api/fleet-http';
import { HOUR_MS } from './chart-scale';
import { LagChart } from './lag-chart.view';
import { ParcelsChart } from './parcels-chart.view';

const HOURS = [6, 12, 24, 72] as const;
const REFRESH_MS = 60_000;

/** Parcels per hour and sync lag over the last hours (GET /api/charts), read again every minute. */
export function ChartsPanel() {
  const [hours, setHours] = useState<number>(12);
  const [charts, setCharts] = useState<{ data: Charts; at: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      fleetApi.charts(hours).then(
        (data) => alive && (setCharts({ data, at: Date.now() }), setError(null)),
        (err: unknown) => alive && setError(errorText(err)),
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [hours]);

  const to = charts?.at ?? Date.now();
  const from = to - hours * HOUR_MS;
  const targets = [...new Set(charts?.data.lag.map((s) => s.target) ?? [])].sort();
  return (
    <section className="panel" aria-labelledby="charts-title" data-testid="charts">
      <div className="panel-head">
        <h2 className="panel-title" id="charts-title">
          Throughput and sync lag
        </h2>
        <label className="small">
          Last{' '}
          <select value={hours} onChange={(e) => setHours(Number(e.target.value))} data-testid="chart-hours">
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {h} h
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <div className="command-error">{error}</div>}
      {charts && (
        <div className="charts">
          <ParcelsChart hourly={charts.data.hourly} from={from} to={to} />
          {targets.length === 0 ? (
            <p className="muted">No sync lag sampled yet.</p>
          ) : (
            targets.map((target) => <LagChart key={target} lag={charts.data.lag} target={target} from={from} to={to} />)
          )}
        </div>
      )}
    </section>
  );
}
