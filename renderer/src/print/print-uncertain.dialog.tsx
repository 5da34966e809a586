import type { PrintJob } from '../../../app/domain/print-job.schema';
import type { StationApi } from '../../../app/ipc/contract';
import { useT } from '../i18n/use-t';
import { AuditFields, useAuditAnswer, useAuditedSend } from './audit-fields.view';

/** Tap-to-fill reasons: a yes first, then the ways a label fails to come out. */
const REASONS = ['packer.print.reason.complete', 'packer.print.reason.none', 'packer.print.reason.torn', 'packer.print.reason.unreadable'] as const;

/**
 * "Did the label print?" The printer could not tell, so the person signed in answers, with a reason: "no" prints it
 * again, "yes" carries on. Either answer is audited by the spooler.
 */
export function PrintUncertainDialog({ job, api, onClose }: { job: PrintJob; api: StationApi; onClose?: () => void }) {
  const { t } = useT();
  const answer = useAuditAnswer();
  const { busy, error, send } = useAuditedSend(t('packer.print.answerRefused'));

  const resolve = (printed: boolean) => send(api.invoke('print:resolve', { jobId: job.id, printed, reason: answer.reason }));

  return (
    <div className="dialog-backdrop">
      <section
        className="dialog"
        role="alertdialog"
        aria-labelledby="print-uncertain-title"
        data-testid="print-uncertain"
        data-job={job.id}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && onClose && !busy) onClose();
        }}
      >
        <h2 id="print-uncertain-title" className="dialog-title">
          {job.parcelIndex === null ? t('packer.print.uncertain.job') : t('packer.print.uncertain.parcel', { parcel: job.parcelIndex })}
        </h2>
        <p className="muted">{t('packer.print.uncertain.help')}</p>
        <AuditFields answer={answer} autoFocus suggestions={REASONS.map((key) => t(key))} />
        {error && (
          <div className="command-error" role="alert" data-testid="print-resolve-error">
            {error}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn btn-success" data-testid="print-yes" disabled={busy || !answer.valid} onClick={() => resolve(true)}>
            {t('packer.print.yes')}
          </button>
          <button type="button" className="btn btn-danger" data-testid="print-no" disabled={busy || !answer.valid} onClick={() => resolve(false)}>
            {t('packer.print.no')}
          </button>
          {onClose && (
            <button type="button" className="btn btn-secondary" data-testid="print-later" disabled={busy} onClick={onClose}>
              {t('packer.print.later')}
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
