import type { ReactNode } from 'react';
import { hourLabel, linearScale, niceTicks, seriesColor, timeTicks } from './chart-scale';

export const CHART = { width: 640, height: 220, left: 52, right: 12, top: 12, bottom: 30 } as const;
export const PLOT = { x0: CHART.left, x1: CHART.width - CHART.right, y0: CHART.height - CHART.bottom, y1: CHART.top } as const;

export interface Series {
  name: string;
}

/**
 * The frame every chart shares: a y axis with round ticks and grid lines, a time axis with hour labels, a title
 * for screen readers and a legend. `children` draws the data with the scales it is given.
 */
export function ChartFrame({
  title,
  testId,
  from,
  to,
  yMax,
  yLabel,
  formatY = String,
  series,
  children,
}: {
  title: string;
  testId: string;
  from: number;
  to: number;
  yMax: number;
  yLabel: string;
  formatY?: (v: number) => string;
  series: readonly Series[];
  children: (scales: { x: (t: number) => number; y: (v: number) => number }) => ReactNode;
}) {
  const ticks = niceTicks(yMax);
  const top = ticks[ticks.length - 1] ?? 1;
  const y = linearScale([0, top], [PLOT.y0, PLOT.y1]);
  const x = linearScale([from, to], [PLOT.x0, PLOT.x1]);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={title} className="chart-svg">
        {ticks.map((t) => (
          <g key={`y${t}`} className="chart-tick">
            <line x1={PLOT.x0} x2={PLOT.x1} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={PLOT.x0 - 6} y={y(t)} textAnchor="end" dominantBaseline="middle">
              {formatY(t)}
            </text>
          </g>
        ))}
        {timeTicks(from, to).map((t) => (
          // A label on the right edge would be cut by the frame: it ends there instead of centering.
          <text key={`x${t}`} x={x(t)} y={PLOT.y0 + 18} textAnchor={x(t) > PLOT.x1 - 20 ? 'end' : 'middle'} className="chart-tick">
            {hourLabel(t)}
          </text>
        ))}
        <text x={12} y={(PLOT.y0 + PLOT.y1) / 2} transform={`rotate(-90 12 ${(PLOT.y0 + PLOT.y1) / 2})`} textAnchor="middle" className="chart-axis-label">
          {yLabel}
        </text>
        <line x1={PLOT.x0} x2={PLOT.x1} y1={PLOT.y0} y2={PLOT.y0} className="chart-axis" />
        <line x1={PLOT.x0} x2={PLOT.x0} y1={PLOT.y0} y2={PLOT.y1} className="chart-axis" />
        {children({ x, y })}
      </svg>
      {series.length > 0 && (
        <ul className="chart-legend" aria-label="legend">
          {series.map((s, i) => (
            <li key={s.name}>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" rx="2" fill={seriesColor(i)} />
              </svg>{' '}
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
