import type { FleetStation } from '../../../app/hub/fleet.schema';
import { formatAge } from '../../src/state/format';
import { RecordTable } from '../../src/supervisor/record-table.view';
import { formatAgo, rowHealth } from '../state/fleet-rows';
import { DeviceBadges } from './device-badges.view';
import { ShiftCell } from './shift-cell.view';
import { useT } from '../../src/i18n/use-t';

const COLUMNS = ['Station', 'Link', 'Machine', 'Picking', 'Outbox', 'Dead letters', 'Carrier exc.', 'Devices', 'Last label', 'Labels/h', 'Problems'];

/** One row per station, already sorted and filtered; a click (or Enter on the station's button) opens its detail. */
export function FleetGrid({
  rows,
  now,
  selected,
  onSelect,
  empty,
}: {
  rows: FleetStation[];
  now: number;
  selected: string | null;
  onSelect(id: string): void;
  /** What to say when no row is shown (no station at all, or none matching the filter). */
  empty: string;
}) {
  const words = useT();
  // The shift's column (its texts from the catalogue) sits before the problems.
  const columns = [...COLUMNS.slice(0, -1), words.t('shift.fleet.column'), ...COLUMNS.slice(-1)];
  return (
    <div className="grid-scroll">
      <RecordTable
        testId="fleet-grid"
        columns={columns}
        items={rows}
        empty={empty}
        row={(row) => <StationRow key={row.stationId} row={row} now={now} selected={row.stationId === selected} onSelect={onSelect} />}
      />
    </div>
  );
}

function StationRow({ row, now, selected, onSelect }: { row: FleetStation; now: number; selected: boolean; onSelect(id: string): void }) {
  const health = rowHealth(row, now);
  const id = row.stationId;
  const status = row.status;
  const tone = health.severity === 'ok' ? '' : `row-${health.severity}`;
  return (
    <tr
      className={`fleet-row ${tone} ${row.online ? '' : 'row-offline'} ${selected ? 'row-selected' : ''}`}
      data-testid={`fleet-row-${id}`}
      data-online={row.online}
      data-severity={health.severity}
      data-paused={row.paused !== null}
      onClick={() => onSelect(id)}
    >
      <th scope="row">
        <button type="button" className="link-button" data-testid={`open-station-${id}`} onClick={() => onSelect(id)}>
          {id}
        </button>
        <div className="muted small">{row.version ?? '—'}</div>
      </th>
      <td className="nowrap link-cell" data-testid={`fleet-link-${id}`}>
        <span className={`pill ${row.online ? 'pill-success' : 'pill-error'}`}>{row.online ? 'online' : 'offline'}</span>
        <div className="small" data-testid={`fleet-since-${id}`}>
          {row.since === null ? 'never connected' : `for ${formatAge(now - row.since)}`}
        </div>
      </td>
      <td data-testid={`fleet-machine-${id}`}>
        {row.paused && (
          <span className="pill pill-warning" data-testid={`fleet-paused-${id}`} title={`${row.paused.reason} (${row.paused.by})`}>
            paused
          </span>
        )}{' '}
        <span className="mono">{status?.machine.state ?? '—'}</span>
        {status?.machine.message && <div className="small wrap">{status.machine.message}</div>}
      </td>
      <td data-testid={`fleet-picking-${id}`}>{status?.picking?.name ?? '—'}</td>
      <td data-testid={`fleet-outbox-${id}`}>
        {status?.sync.length
          ? status.sync.map((t) => (
              <div key={t.target} className="small nowrap" data-testid={`fleet-outbox-${id}-${t.target}`}>
                <span className="muted">{t.target}</span> <b>{t.depth}</b>
                {t.oldestPendingAgeMs !== null && <span className="muted"> · oldest {formatAge(t.oldestPendingAgeMs)}</span>}
              </div>
            ))
          : '—'}
      </td>
      <td className="num">
        <span className={`count ${status && status.deadLetters.length > 0 ? 'count-error' : ''}`} data-testid={`fleet-dead-${id}`}>
          {status?.deadLetters.length ?? '—'}
        </span>
      </td>
      <td className="num" data-testid={`fleet-exceptions-${id}`}>
        {status?.carrierExceptions?.open ?? '—'}
      </td>
      <td>{status ? <DeviceBadges devices={status.devices} testId={`fleet-devices-${id}`} /> : '—'}</td>
      <td className="nowrap" data-testid={`fleet-last-label-${id}`}>{formatAgo(row.lastLabelAt, now)}</td>
      <td className="num" data-testid={`fleet-labels-hour-${id}`}>
        {row.labelsLastHour}
      </td>
      <ShiftCell row={row} />
      <td className="small wrap" data-testid={`fleet-problems-${id}`}>
        {health.problems.length ? health.problems.join(' · ') : <span className="muted">none</span>}
      </td>
    </tr>
  );
}
