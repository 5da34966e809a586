import type { AuditEntry } from '../../../app/hub/fleet.schema';
import { formatTime } from '../../src/state/format';
import { RecordTable } from '../../src/supervisor/record-table.view';

const detailText = (detail: unknown): string => (detail === undefined || detail === null ? '' : JSON.stringify(detail));

/** Who did what to this station through the hub, newest first, with the outcome. */
export function StationAuditView({ entries, error }: { entries: AuditEntry[]; error: string | null }) {
  return (
    <section aria-labelledby="audit-title">
      <h3 className="panel-title" id="audit-title">
        Audit
      </h3>
      {error && <div className="command-error">{error}</div>}
      <RecordTable
        testId="station-audit"
        columns={['When', 'Who', 'Action', 'Outcome', 'Detail']}
        items={entries}
        empty="Nothing done to this station through the hub yet."
        row={(entry) => (
          <tr key={entry.id} className={entry.outcome === 'ok' ? '' : 'row-warning'} data-testid={`audit-${entry.id}`} data-action={entry.action} data-outcome={entry.outcome}>
            <td className="small">{formatTime(entry.at)}</td>
            <td>{entry.username}</td>
            <td className="mono">{entry.action}</td>
            <td>{entry.outcome}{entry.error ? `: ${entry.error}` : ''}</td>
            <td className="mono small wrap">{detailText(entry.detail)}</td>
          </tr>
        )}
      />
    </section>
  );
}
