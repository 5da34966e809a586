import { useState } from 'react';

const WHO_KEY = 'station.audit.who';

/** The name is asked every time (audits need a person), but a packer at their own bench should not retype it. */
function rememberedWho(): string {
  try {
    return localStorage.getItem(WHO_KEY) ?? '';
  } catch {
    return '';
  }
}

export interface AuditAnswer {
  whoText: string;
  reasonText: string;
  setWho(value: string): void;
  setReason(value: string): void;
  /** Trimmed, as sent. */
  who: string;
  reason: string;
  /** Same limits as the IPC contract, so a button is never enabled for a request the core would refuse. */
  valid: boolean;
  remember(): void;
}

export function useAuditAnswer(): AuditAnswer {
  const [whoText, setWho] = useState(rememberedWho);
  const [reasonText, setReason] = useState('');
  const who = whoText.trim();
  const reason = reasonText.trim();
  const valid = who.length >= 1 && who.length <= 80 && reason.length >= 3 && reason.length <= 200;
  const remember = () => {
    try {
      localStorage.setItem(WHO_KEY, who);
    } catch {
      // Private mode or a locked-down kiosk: the name is simply asked again next time.
    }
  };
  return { whoText, reasonText, setWho, setReason, who, reason, valid, remember };
}

export interface AuditedSend {
  busy: boolean;
  /** The core's refusal, or why the call failed; cleared by an accepted answer. */
  error: string | null;
  send(request: Promise<{ accepted: boolean; error?: string | undefined }>): void;
}

/**
 * One audited decision sent to the core: busy while in flight; accepted → the name is remembered and `onAccepted`
 * runs; refused → the core's reason (or `refused`) is shown, and the form stays for another try.
 */
export function useAuditedSend(answer: AuditAnswer, refused: string, onAccepted?: () => void): AuditedSend {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send: AuditedSend['send'] = (request) => {
    setBusy(true);
    request
      .then(
        (res) => {
          if (!res.accepted) return setError(res.error ?? refused);
          setError(null);
          answer.remember();
          onAccepted?.();
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setBusy(false));
  };
  return { busy, error, send };
}

/** Name and reason for an audited print decision, with tap-to-fill reasons for gloved hands. */
export function AuditFields({ answer, suggestions }: { answer: AuditAnswer; suggestions: readonly string[] }) {
  return (
    <div className="audit-fields">
      <label className="audit-label">
        Your name
        <input
          className="audit-input"
          data-testid="audit-who"
          autoComplete="name"
          maxLength={80}
          value={answer.whoText}
          onChange={(e) => answer.setWho(e.target.value)}
        />
      </label>
      <label className="audit-label">
        Reason
        <input
          className="audit-input"
          data-testid="audit-reason"
          maxLength={200}
          value={answer.reasonText}
          onChange={(e) => answer.setReason(e.target.value)}
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
