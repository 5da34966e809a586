import type { LagSample } from '../../../app/hub/fleet.schema';
import { seriesColor } from './chart-scale';
import { ChartFrame } from './chart-frame.view';

const MINUTE = 60_000;

/** One target's samples as lines per station (minutes of lag; no pending event is 0), oldest first. */
export function lagLines(lag: readonly LagSample[], target: string) {
  const samples = lag.filter((s) => s.target === target).sort((a, b) => a.at - b.at);
  const stations = [...new Set(samples.map((s) => s.stationId))].sort();
  const lines = stations.map((station) => ({
    name: station,
    points: samples.filter((s) => s.stationId === station).map((s) => ({ at: s.at, minutes: (s.oldestPendingAgeMs ?? 0) / MINUTE })),
  }));
  return { lines, max: Math.max(0, ...lines.flatMap((l) => l.points.map((p) => p.minutes))) };
}

/** The oldest pending event's age over time for one sync target, a line per station. */
export function LagChart({ lag, target, from, to }: { lag: readonly LagSample[]; target: string; from: number; to: number }) {
  const { lines, max } = lagLines(lag, target);
  return (
    <ChartFrame
      title={`Sync lag to ${target} (oldest pending event, minutes)`}
      testId={`chart-lag-${target}`}
      from={from}
      to={to}
      yMax={max}
      yLabel="minutes"
      series={lines}
    >
      {({ x, y }) =>
        lines.map((line, i) => (
          <g key={line.name}>
            <polyline
              points={line.points.map((p) => `${x(p.at).toFixed(1)},${y(p.minutes).toFixed(1)}`).join(' ')}
              fill="none"
              stroke={seriesColor(i)}
              strokeWidth={2}
            />
            {line.points.length === 1 && <circle cx={x(line.points[0]!.at)} cy={y(line.points[0]!.minutes)} r={3} fill={seriesColor(i)} />}
          </g>
        ))
      }
    </ChartFrame>
  );
}
