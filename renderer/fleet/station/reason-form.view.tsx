import { useState, type FormEvent } from 'react';

/** A decision that needs a reason (pause, discard): the button stays disabled until one is written. */
export function ReasonForm({
  label,
  testId,
  busy,
  onSubmit,
  onCancel,
}: {
  label: string;
  testId: string;
  busy: boolean;
  onSubmit(reason: string): void;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) onSubmit(reason.trim());
  };
  return (
    <form className="reason-form" onSubmit={submit} data-testid={testId}>
      <label className="audit-label">
        Reason (required)
        <input
          className="fleet-input"
          value={reason}
          maxLength={500}
          required
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          data-testid={`${testId}-reason`}
        />
      </label>
      <div className="row-actions">
        <button type="submit" className="btn-small btn-danger" disabled={busy || !reason.trim()} data-testid={`${testId}-submit`}>
          {label}
        </button>
        <button type="button" className="btn-small btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
