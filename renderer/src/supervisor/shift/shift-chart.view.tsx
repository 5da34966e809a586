import type { ShiftFigures } from '../../../../app/shift/shift.schema';
import type { Words } from '../../i18n/use-t';

const WIDTH = 480;
const HEIGHT = 150;
const PLOT = { left: 30, right: WIDTH - 8, top: 16, bottom: HEIGHT - 22 } as const;
const PARCELS = '#4e9bff';
const PICKINGS = '#f2b705';

/** The axis top: the largest count rounded up to 1, 2 or 5 × 10ⁿ, so the one grid line is a round number. */
export function axisTop(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((m) => m * magnitude).find((top) => top >= max) ?? 10 * magnitude);
}

/** Parcels and pickings per clock hour of the shift, two bars side by side, the count over each; no chart library. */
export function ShiftChart({ hours, words }: { hours: ShiftFigures['hours']; words: Words }) {
  const top = axisTop(Math.max(0, ...hours.map((h) => Math.max(h.parcels, h.pickings))));
  const y = (v: number) => PLOT.bottom - (v / top) * (PLOT.bottom - PLOT.top);
  const slot = (PLOT.right - PLOT.left) / Math.max(1, hours.length);
  const bar = Math.max(2, Math.min(18, slot / 2 - 3));
  const hourLabel = new Intl.DateTimeFormat(words.language, { hour: 'numeric' });
  const title = words.t('shift.chart.title');
  return (
    <figure className="shift-chart" data-testid="shift-chart" style={{ margin: 0, maxWidth: 640 }}>
      <figcaption className="muted small">
        {title} — <span style={{ color: PARCELS }}>■</span> {words.t('shift.parcels')} <span style={{ color: PICKINGS }}>■</span> {words.t('shift.pickings')}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} style={{ width: '100%', height: 'auto', background: '#0f1216', borderRadius: 6 }}>
        <line x1={PLOT.left} x2={PLOT.right} y1={y(top)} y2={y(top)} style={{ stroke: 'var(--line)' }} />
        <line x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} style={{ stroke: 'var(--muted)' }} />
        <text x={PLOT.left - 4} y={y(top)} textAnchor="end" dominantBaseline="middle" style={{ fill: 'var(--muted)', fontSize: 10 }}>
          {words.number(top)}
        </text>
        {hours.map((h, i) => {
          const mid = PLOT.left + slot * i + slot / 2;
          const label = hourLabel.format(h.hourStart);
          return (
            <g key={h.hourStart} data-testid={`shift-hour-${h.hourStart}`} data-parcels={h.parcels} data-pickings={h.pickings}>
              <title>{words.t('shift.chart.hour', { hour: words.dateTime(h.hourStart), parcels: h.parcels, pickings: h.pickings })}</title>
              {[
                { value: h.parcels, x: mid - bar - 1, color: PARCELS },
                { value: h.pickings, x: mid + 1, color: PICKINGS },
              ].map(({ value, x, color }) =>
                value > 0 ? (
                  <g key={color}>
                    <rect x={x} width={bar} y={y(value)} height={PLOT.bottom - y(value)} style={{ fill: color }} />
                    <text x={x + bar / 2} y={y(value) - 3} textAnchor="middle" style={{ fill: 'var(--text)', fontSize: 10 }}>
                      {words.number(value)}
                    </text>
                  </g>
                ) : null,
              )}
              {(hours.length <= 12 || i % 2 === 0) && (
                <text x={mid} y={PLOT.bottom + 14} textAnchor="middle" style={{ fill: 'var(--muted)', fontSize: 10 }}>
                  {label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
