import type { PrintJob } from '../../../app/domain/print-job.schema';
import type { StationApi } from '../../../app/ipc/contract';
import { AuditFields, useAuditAnswer, useAuditedSend } from './audit-fields.view';

const YES_REASONS = ['Label came out complete'] as const;
const NO_REASONS = ['No label came out', 'Label came out torn or blank', 'Label unreadable'] as const;

/**
 * "Did the label print?" The printer could not tell, so the person signed in answers, with a reason: "no" prints it
 * again, "yes" carries on. Either answer is audited by the spooler.
 */
export function PrintUncertainDialog({ job, api, onClose }: { job: PrintJob; api: StationApi; onClose?: () => void }) {
  const answer = useAuditAnswer();
  const { busy, error, send } = useAuditedSend('The answer was not accepted');
  const parcel = job.parcelIndex === null ? 'this job' : `parcel ${job.parcelIndex}`;

  const resolve = (printed: boolean) => send(api.invoke('print:resolve', { jobId: job.id, printed, reason: answer.reason }));

  return (
    <div className="dialog-backdrop">
      <section className="dialog" role="alertdialog" aria-labelledby="print-uncertain-title" data-testid="print-uncertain" data-job={job.id}>
        <h2 id="print-uncertain-title" className="dialog-title">
          Did the label for {parcel} print?
        </h2>
        <p className="muted">
          The printer lost the connection while printing and cannot say. Look at the printer: a complete label is a Yes.
        </p>
        <AuditFields answer={answer} suggestions={[...YES_REASONS, ...NO_REASONS]} />
        {error && (
          <div className="command-error" role="alert" data-testid="print-resolve-error">
            {error}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn btn-success" data-testid="print-yes" disabled={busy || !answer.valid} onClick={() => resolve(true)}>
            Yes, it printed
          </button>
          <button type="button" className="btn btn-danger" data-testid="print-no" disabled={busy || !answer.valid} onClick={() => resolve(false)}>
            No, print it again
          </button>
          {onClose && (
            <button type="button" className="btn btn-secondary" data-testid="print-later" disabled={busy} onClick={onClose}>
              Not now
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
