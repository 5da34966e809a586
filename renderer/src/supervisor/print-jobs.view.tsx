import { useCallback, useEffect, useRef, useState } from 'react';
import type { PrintAuditEntry, PrintJob } from '../../../app/domain/print-job.schema';
import type { StationLink } from '../bridge/station-api';
import { PrintUncertainDialog } from '../print/print-uncertain.dialog';
import { useT } from '../i18n/use-t';
import { RecordTable } from './record-table.view';
import { timeOf } from './supervisor-words';

const LIMIT = 50;
/** Job reports come in bursts (queued, sending, sent, confirmed within a second): one refetch per burst. */
const REFETCH_MS = 300;

const TONE: Record<PrintJob['state'], string> = {
  queued: 'progress',
  sending: 'progress',
  sent: 'progress',
  confirmed: 'success',
  uncertain: 'warning',
  failed: 'error',
  cancelled: 'warning',
};

/** Recent print jobs and every human decision about them, refreshed on each job report. */
export function PrintJobsView({ api }: { api: StationLink }) {
  const words = useT();
  const { t } = words;
  const [jobs, setJobs] = useState<PrintJob[]>([]);
  const [audit, setAudit] = useState<PrintAuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  // A job left uncertain (say, across a restart) is answered here: the packer screen only asks about its current label.
  const [answering, setAnswering] = useState<string | null>(null);
  const answerJob = jobs.find((j) => j.id === answering && j.state === 'uncertain') ?? null;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(() => {
    api.invoke('print:jobs', { limit: LIMIT }).then(
      (res) => {
        setJobs(res.jobs);
        setAudit(res.audit);
        setError(null);
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [api]);

  useEffect(() => {
    refresh();
    const offJob = api.on('print:job', (job) => {
      // The row changes at once; the audit trail follows with the refetch.
      setJobs((known) => (known.some((j) => j.id === job.id) ? known.map((j) => (j.id === job.id ? job : j)) : [job, ...known].slice(0, LIMIT)));
      if (timer.current === null) {
        timer.current = setTimeout(() => {
          timer.current = null;
          refresh();
        }, REFETCH_MS);
      }
    });
    const offLink = api.onLink((state) => {
      if (state === 'open') refresh();
    });
    return () => {
      offJob();
      offLink();
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [api, refresh]);

  return (
    <>
      <h2 className="panel-title">{t('supervisor.print.title')}</h2>
      {error && <div className="command-error">{error}</div>}
      {answerJob && <PrintUncertainDialog job={answerJob} api={api} onClose={() => setAnswering(null)} />}
      <RecordTable
        testId="print-jobs"
        columns={[t('supervisor.print.job'), t('supervisor.print.what'), t('supervisor.state'), t('supervisor.print.tries'), t('supervisor.col.detail'), t('supervisor.updated')]}
        items={jobs}
        empty={t('supervisor.print.empty')}
        row={(job) => (
          <tr key={job.id} className={`row-${TONE[job.state]}`} data-testid={`print-job-${job.id}`} data-state={job.state}>
            <th scope="row" className="mono small">
              {job.id.slice(0, 8)}
            </th>
            <td>
              {t(`supervisor.print.kind.${job.kind}`)}
              {job.parcelIndex !== null && <span className="muted"> · {t('supervisor.parcel', { index: String(job.parcelIndex) })}</span>}
              {job.reprintOf !== null && <span className="muted"> · {t('supervisor.print.reprint')}</span>}
            </td>
            <td data-testid={`print-job-state-${job.id}`}>
              {t(`supervisor.print.state.${job.state}`)}
              {job.state === 'uncertain' && (
                <button type="button" className="chip" data-testid={`print-job-answer-${job.id}`} onClick={() => setAnswering(job.id)}>
                  {t('supervisor.print.didItPrint')}
                </button>
              )}
            </td>
            <td className="num">{words.number(job.attempts)}</td>
            <td className="wrap">{job.detail ?? '—'}</td>
            <td>{timeOf(words, job.updatedAt)}</td>
          </tr>
        )}
      />
      <h2 className="panel-title">{t('supervisor.print.decisions')}</h2>
      <RecordTable
        testId="print-audit"
        columns={[t('supervisor.col.when'), t('supervisor.print.job'), t('supervisor.col.decision'), t('supervisor.col.who'), t('supervisor.col.why')]}
        items={audit}
        empty={t('supervisor.print.decisionsEmpty')}
        row={(entry) => (
          <tr key={entry.id} data-testid={`print-audit-${entry.id}`} data-action={entry.action}>
            <td>{timeOf(words, entry.at)}</td>
            <td className="mono small">{entry.jobId.slice(0, 8)}</td>
            <td>{t(`supervisor.print.action.${entry.action}`)}</td>
            <td>{entry.who}</td>
            <td className="wrap">{entry.reason}</td>
          </tr>
        )}
      />
    </>
  );
}
