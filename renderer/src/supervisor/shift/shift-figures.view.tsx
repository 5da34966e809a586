import type { ShiftFigures, ShiftTotals } from '../../../../app/shift/shift.schema';
import type { Words } from '../../i18n/use-t';
import { RecordTable } from '../record-table.view';
import { ShiftChart } from './shift-chart.view';

const COLUMNS = ['shift.who', 'shift.parcels', 'shift.pickings', 'shift.parcelsPerHour', 'shift.pickingsPerHour', 'shift.medianPicking', 'shift.exceptions', 'shift.reprints'] as const;

/** A median time per picking, or a dash while no picking with a known start was finished. */
export const medianText = (words: Words, ms: number | null): string => (ms === null ? '—' : words.duration(ms));

/** One line of figures: the station's or a packer's; every cell has `<testId>-<figure>` for tests to read. */
function TotalsRow({ testId, who, totals, words }: { testId: string; who: string; totals: ShiftTotals; words: Words }) {
  const cells: [string, string][] = [
    ['parcels', words.number(totals.parcels)],
    ['pickings', words.number(totals.pickings)],
    ['parcels-per-hour', words.number(totals.parcelsPerHour, 1)],
    ['pickings-per-hour', words.number(totals.pickingsPerHour, 1)],
    ['median', medianText(words, totals.medianPickingMs)],
    ['exceptions', words.number(totals.exceptions)],
    ['reprints', words.number(totals.reprints)],
  ];
  return (
    <tr data-testid={testId}>
      <th scope="row">{who}</th>
      {cells.map(([figure, text]) => (
        <td key={figure} className="num" data-testid={`${testId}-${figure}`}>
          {text}
        </td>
      ))}
    </tr>
  );
}

type Row = { testId: string; who: string; totals: ShiftTotals };

/** The shift's figures: the station's line, then one per packer (busiest first), and the bars per hour. */
export function ShiftFiguresView({ figures, words }: { figures: ShiftFigures; words: Words }) {
  const rows: Row[] = [
    { testId: 'shift-station', who: words.t('shift.station'), totals: figures.station },
    ...figures.packers.map((p) => ({ testId: `shift-packer-${p.person.id}`, who: p.person.name, totals: p.totals })),
  ];
  const hours = Math.round((figures.until - figures.from) / 3_600_000);
  return (
    <div data-testid="shift-figures" data-packers={figures.packers.length}>
      <p className="muted small" data-testid="shift-window">
        {words.t('shift.window', { hours, from: words.dateTime(figures.from) })}
      </p>
      <RecordTable
        testId="shift-table"
        columns={COLUMNS.map((key) => words.t(key))}
        items={rows}
        empty=""
        row={(row) => <TotalsRow key={row.testId} {...row} words={words} />}
      />
      {figures.packers.length === 0 && <p className="muted" data-testid="shift-no-packers">{words.t('shift.noPackers')}</p>}
      <ShiftChart hours={figures.hours} words={words} />
      <p className="muted small">{words.t('shift.exceptionsNote')}</p>
    </div>
  );
}
