import type { HourlyCount } from '../../../app/hub/fleet.schema';
import { HOUR_MS, hourBuckets, seriesColor } from './chart-scale';
import { ChartFrame } from './chart-frame.view';

/** Per hour, per station: the parcels packed, for stacking (stations sorted; hours with nothing are 0). */
export function parcelStacks(hourly: readonly HourlyCount[], from: number, to: number) {
  const stations = [...new Set(hourly.map((h) => h.stationId))].sort();
  const hours = hourBuckets(from, to);
  const count = new Map(hourly.map((h) => [`${h.stationId}@${h.hour}`, h.parcels]));
  const stacks = hours.map((hour) => ({
    hour,
    values: stations.map((s) => count.get(`${s}@${hour}`) ?? 0),
  }));
  return { stations, stacks, max: Math.max(0, ...stacks.map((s) => s.values.reduce((a, b) => a + b, 0))) };
}

/** Parcels per hour as stacked bars: each station its color, the bar's height the whole floor (labelled on top). */
export function ParcelsChart({ hourly, from, to }: { hourly: readonly HourlyCount[]; from: number; to: number }) {
  const { stations, stacks, max } = parcelStacks(hourly, from, to);
  const start = stacks[0]?.hour ?? from;
  const end = (stacks[stacks.length - 1]?.hour ?? to) + HOUR_MS;
  return (
    <ChartFrame
      title="Parcels per hour (floor total on top, one color per station)"
      testId="chart-parcels"
      from={start}
      to={end}
      yMax={max}
      yLabel="parcels"
      series={stations.map((name) => ({ name }))}
    >
      {({ x, y }) =>
        stacks.map(({ hour, values }) => {
          const left = x(hour) + 2;
          const width = Math.max(1, x(hour + HOUR_MS) - x(hour) - 4);
          let base = 0;
          const total = values.reduce((a, b) => a + b, 0);
          return (
            <g key={hour} data-testid={`chart-parcels-${hour}`} data-total={total}>
              {values.map((v, i) => {
                if (v === 0) return null;
                const rect = <rect key={stations[i]} x={left} width={width} y={y(base + v)} height={y(base) - y(base + v)} fill={seriesColor(i)} />;
                base += v;
                return rect;
              })}
              {total > 0 && (
                <text x={left + width / 2} y={y(total) - 4} textAnchor="middle" className="chart-value">
                  {total}
                </text>
              )}
              <title>{`${new Date(hour).toLocaleString()}: ${stations.map((s, i) => `${s} ${values[i]}`).join(', ')}`}</title>
            </g>
          );
        })
      }
    </ChartFrame>
  );
}
