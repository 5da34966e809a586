import { useState } from 'react';
import { useT } from '../i18n/use-t';

/**
 * The reason for an audited decision. Who decided is not asked: the station records the person signed in.
 */
export interface AuditAnswer {
  reasonText: string;
  setReason(value: string): void;
  /** Trimmed, as sent. */
  reason: string;
  /** Same limits as the IPC contract, so a button is never enabled for a request the core would refuse. */
  valid: boolean;
}

export function useAuditAnswer(): AuditAnswer {
  const [reasonText, setReason] = useState('');
  const reason = reasonText.trim();
  const valid = reason.length >= 3 && reason.length <= 200;
  return { reasonText, setReason, reason, valid };
}

export interface AuditedSend {
  busy: boolean;
  /** The core's refusal, or why the call failed; cleared by an accepted answer. */
  error: string | null;
  send(request: Promise<{ accepted: boolean; error?: string | undefined }>): void;
}

/**
 * One audited decision sent to the core: busy while in flight; accepted → `onAccepted` runs; refused → the core's
 * reason (or `refused`) is shown, and the form stays for another try.
 */
export function useAuditedSend(refused: string, onAccepted?: () => void): AuditedSend {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send: AuditedSend['send'] = (request) => {
    setBusy(true);
    request
      .then(
        (res) => {
          if (!res.accepted) return setError(res.error ?? refused);
          setError(null);
          onAccepted?.();
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setBusy(false));
  };
  return { busy, error, send };
}

/** The reason for an audited print decision, with tap-to-fill reasons for gloved hands. */
/**
 * `autoFocus`: the form was opened to be answered now (a dialog, a key), so the reason field takes the focus.
 * `onEnter`: what Enter in the reason field does, where the form has a single answer.
 */
export function AuditFields({
  answer,
  suggestions,
  autoFocus = false,
  onEnter,
}: {
  answer: AuditAnswer;
  suggestions: readonly string[];
  autoFocus?: boolean;
  onEnter?: () => void;
}) {
  const { t } = useT();
  return (
    <div className="audit-fields">
      <label className="audit-label">
        {t('packer.print.reason')}
        <input
          className="audit-input"
          data-testid="audit-reason"
          maxLength={200}
          value={answer.reasonText}
          autoFocus={autoFocus}
          onChange={(e) => answer.setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || !onEnter) return;
            e.preventDefault();
            onEnter();
          }}
        />
      </label>
      <div className="audit-suggestions">
        {suggestions.map((text) => (
          <button key={text} type="button" className="chip" data-testid="audit-suggestion" onClick={() => answer.setReason(text)}>
            {text}
          </button>
        ))}
      </div>
    </div>
  );
}
