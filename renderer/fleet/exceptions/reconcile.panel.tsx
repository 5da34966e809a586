import { useCallback, useState } from 'react';
import type { JobRunView } from '../../../app/recon/exceptions-api.schema';
import { formatTime } from '../../src/state/format';
import { RecordTable } from '../../src/supervisor/record-table.view';
import { errorText } from '../api/fleet-http';
import { exceptionsApi } from './exceptions-http';
import { Notices } from './notices.view';
import { usePolling } from './use-polling';

const STATE_PILL: Record<JobRunView['state'], string> = { queued: 'pill-warning', running: 'pill-progress', done: 'pill-success', failed: 'pill-error' };

/** A run's result in a line: its counts (`opened 3 · autoResolved 1`), whatever the job reports. */
const summary = (run: JobRunView): string => {
  if (run.error) return run.error;
  if (!run.result) return '';
  return Object.entries(run.result)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(' · ');
};

/** Reconciliation: when the scheduled run comes, the last runs and how they went, and a run on demand (supervisors). */
export function ReconcilePanel({ canAct }: { canAct: boolean }) {
  const load = useCallback(() => exceptionsApi.reconcileRuns(), []);
  const runs = usePolling(load, 3000);
  const [asked, setAsked] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const runNow = async () => {
    setBusy(true);
    try {
      const { runId } = await exceptionsApi.reconcile();
      setAsked(runId);
      setError(null);
      runs.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const schedule = runs.data?.schedule;
  const askedRun = runs.data?.runs.find((r) => r.id === asked);

  return (
    <section className="panel" aria-labelledby="reconcile-title" data-testid="reconcile-panel">
      <div className="panel-head">
        <h2 className="panel-title" id="reconcile-title">
          Reconciliation
        </h2>
        <span className="small muted" data-testid="reconcile-next">
          {schedule === undefined ? '' : schedule === null ? 'Scheduled runs are off' : `Every ${schedule.everyMinutes} min · next at ${formatTime(schedule.nextAt)}`}
        </span>
        {canAct && (
          <button type="button" className="btn-small btn-primary" disabled={busy} onClick={() => void runNow()} data-testid="reconcile-now">
            Reconcile now
          </button>
        )}
      </div>
      <Notices error={error ?? runs.error} />
      {asked !== null && (
        <div className="command-ok" role="status" data-testid="reconcile-asked" data-run={asked} data-state={askedRun?.state ?? 'queued'}>
          Run {asked} {askedRun ? askedRun.state : 'queued'}
          {askedRun?.hubId ? ` on ${askedRun.hubId}` : ''}
        </div>
      )}
      <RecordTable
        testId="reconcile-runs"
        columns={['Run', 'State', 'Asked by', 'Queued', 'Started', 'Finished', 'Result']}
        items={runs.data?.runs ?? []}
        empty={runs.data ? 'No reconciliation has run yet.' : 'Loading…'}
        row={(run) => (
          <tr key={run.id} data-testid={`run-${run.id}`} data-state={run.state} className={run.state === 'failed' ? 'row-error' : ''}>
            <th scope="row">{run.id}</th>
            <td>
              <span className={`pill ${STATE_PILL[run.state]}`}>{run.state}</span>
            </td>
            <td>{run.requestedBy ?? (run.periodStart === null ? '—' : 'schedule')}</td>
            <td className="small nowrap">{formatTime(run.queuedAt)}</td>
            <td className="small nowrap">{run.startedAt === null ? '—' : formatTime(run.startedAt)}</td>
            <td className="small nowrap">{run.finishedAt === null ? '—' : formatTime(run.finishedAt)}</td>
            <td className="small wrap">{summary(run)}</td>
          </tr>
        )}
      />
    </section>
  );
}
