import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ShiftFigures } from '../../../../app/shift/shift.schema';
import { wordsFor } from '../../../../renderer/src/i18n/use-t';
import { axisTop } from '../../../../renderer/src/supervisor/shift/shift-chart.view';
import { ShiftFiguresView } from '../../../../renderer/src/supervisor/shift/shift-figures.view';

const H = 3_600_000;
const from = Date.UTC(2025, 2, 3, 6, 30);
const totals = { parcels: 9, pickings: 6, parcelsPerHour: 4.5, pickingsPerHour: 3, medianPickingMs: 5 * 60_000, exceptions: 1, reprints: 2 };
const figures: ShiftFigures = {
  stationId: 'bench-1',
  from,
  until: from + 8 * H,
  station: totals,
  packers: [{ person: { id: 'employee:7', name: 'Anna Keller' }, totals: { ...totals, medianPickingMs: null } }],
  hours: [
    { hourStart: Date.UTC(2025, 2, 3, 6), parcels: 0, pickings: 0 },
    { hourStart: Date.UTC(2025, 2, 3, 7), parcels: 9, pickings: 6 },
  ],
};

describe('the shift figures view', () => {
  it('shows the station and each packer in the reader’s language and number format, and a bar per hour', () => {
    const html = renderToStaticMarkup(<ShiftFiguresView figures={figures} words={wordsFor({ language: 'de', weightUnits: 'metric' })} />);
    expect(html).toContain('Zeit pro Lieferschein (Median)');
    expect(html).toContain('Dieser Platz');
    expect(html).toMatch(/data-testid="shift-station-parcels-per-hour"[^>]*>4,5</);
    expect(html).toMatch(/data-testid="shift-station-median"[^>]*>5 min</);
    expect(html).toMatch(/data-testid="shift-packer-employee:7-median"[^>]*>—</);
    expect(html).toContain(`data-testid="shift-hour-${Date.UTC(2025, 2, 3, 7)}" data-parcels="9" data-pickings="6"`);
    // Two bars drawn (parcels and pickings of the second hour), none for the empty hour.
    expect(html.match(/<rect /g)).toHaveLength(2);
  });

  it('rounds the chart’s top to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 7, 12, 48, 51].map(axisTop)).toEqual([1, 1, 5, 10, 20, 50, 100]);
  });
});
