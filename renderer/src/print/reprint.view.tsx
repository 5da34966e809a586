import { useState } from 'react';
import type { PrintJob } from '../../../app/domain/print-job.schema';
import type { StationApi } from '../../../app/ipc/contract';
import { useT } from '../i18n/use-t';
import { useCommandKey } from '../keys/station-keys';
import { AuditFields, useAuditAnswer, useAuditedSend } from './audit-fields.view';

const REASONS = ['packer.reprint.reason.damaged', 'packer.reprint.reason.lost', 'packer.reprint.reason.carrier', 'packer.reprint.reason.copy'] as const;

/** While the station is printing, a reprint would be the duplicate the spooler exists to prevent. */
const BUSY_STATES = ['printing', 'printerFault', 'printUncertain', 'reprinting'];

export function canReprint(state: string, job: PrintJob | null): job is PrintJob {
  if (job === null || job.kind !== 'shipping-label') return false;
  if (BUSY_STATES.includes(state.split('.')[0] ?? '')) return false;
  return job.state === 'confirmed' || job.state === 'failed' || job.state === 'cancelled';
}

/** Reprint of the last label: explicit, with a reason, and audited under the person signed in. */
export function ReprintView({ state, job, api }: { state: string; job: PrintJob | null; api: StationApi }) {
  const [open, setOpen] = useState(false);
  // F4 opens the form (a reprint needs a reason); the O-BTN.reprint barcode reprints at once, as the station's command.
  useCommandKey('reprint', canReprint(state, job) ? () => setOpen(true) : null);
  const { t } = useT();
  if (!canReprint(state, job)) return null;
  if (!open) {
    return (
      <button type="button" className="btn btn-secondary" data-testid="reprint" onClick={() => setOpen(true)}>
        {t('packer.reprint.open')}
      </button>
    );
  }
  return <ReprintForm job={job} api={api} onClose={() => setOpen(false)} />;
}

function ReprintForm({ job, api, onClose }: { job: PrintJob; api: StationApi; onClose(): void }) {
  const { t } = useT();
  const answer = useAuditAnswer();
  const { busy, error, send } = useAuditedSend(t('packer.reprint.refused'), onClose);
  const confirm = () => send(api.invoke('print:reprint', { jobId: job.id, reason: answer.reason }));

  return (
    <div
      className="reprint-form"
      data-testid="reprint-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) onClose();
      }}
    >
      <AuditFields answer={answer} autoFocus onEnter={answer.valid && !busy ? confirm : undefined} suggestions={REASONS.map((key) => t(key))} />
      {error && (
        <div className="command-error" role="alert" data-testid="reprint-error">
          {error}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" data-testid="reprint-confirm" disabled={busy || !answer.valid} onClick={confirm}>
          {t('packer.reprint.confirm')}
        </button>
        <button type="button" className="btn btn-secondary" data-testid="reprint-cancel" disabled={busy} onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
