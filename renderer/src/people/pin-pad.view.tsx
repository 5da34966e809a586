import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { StationApi } from '../../../app/ipc/contract';
import type { SessionView } from '../../../app/people/person.schema';
import { useT } from '../i18n/use-t';
import { SessionRefusal } from './refusal.view';
import './people.css';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
const PIN = /^\d{4,12}$/;

/**
 * A supervisor scanned their badge: the PIN, typed on the keyboard (digits, Enter) or tapped on the pad. The field is
 * an ordinary one, so the keyboard-wedge hook leaves a person's typing alone, while a badge scanned into it is still
 * taken as a scan (scanning the badge again cancels). The PIN never stays on screen: cleared after every answer.
 */
export function PinPad({ session, api }: { session: SessionView; api: StationApi }) {
  const { t } = useT();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [formatError, setFormatError] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const person = session.awaitingPin;

  useEffect(() => field.current?.focus({ preventScroll: true }), [person?.id]);

  if (person === null) return null;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!PIN.test(pin)) return setFormatError(true);
    setFormatError(false);
    setBusy(true);
    // The answer arrives as the pushed session (signed in, or the refusal); the reply adds nothing to show.
    api
      .invoke('people:pin', { pin })
      .catch(() => undefined)
      .finally(() => {
        setBusy(false);
        setPin('');
        field.current?.focus({ preventScroll: true });
      });
  };
  const press = (digit: string) => {
    setPin((current) => (current.length < 12 ? current + digit : current));
    field.current?.focus({ preventScroll: true });
  };

  return (
    <div className="dialog-backdrop">
      <form className="dialog pin-pad" role="dialog" aria-labelledby="pin-title" data-testid="pin-pad" onSubmit={submit}>
        <h2 id="pin-title" className="dialog-title">
          {t('people.pin.title', { name: person.name })}
        </h2>
        <p className="muted">{t('people.pin.hint')}</p>
        <input
          ref={field}
          className="audit-input pin-input"
          data-testid="pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={pin}
          disabled={busy}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
        {formatError && (
          <div className="command-error" role="alert" data-testid="pin-format">
            {t('people.refused.pinFormat')}
          </div>
        )}
        <SessionRefusal session={session} />
        <div className="pin-keys">
          {DIGITS.map((digit) => (
            <button key={digit} type="button" className="btn btn-secondary pin-key" data-testid={`pin-key-${digit}`} disabled={busy} onClick={() => press(digit)}>
              {digit}
            </button>
          ))}
          <button type="button" className="btn btn-secondary pin-key" aria-label={t('people.pin.back')} disabled={busy} onClick={() => setPin((p) => p.slice(0, -1))}>
            ⌫
          </button>
          <button type="button" className="btn btn-secondary pin-key" disabled={busy} onClick={() => setPin('')}>
            {t('people.pin.clear')}
          </button>
        </div>
        <div className="dialog-actions">
          <button type="submit" className="btn btn-primary" data-testid="pin-ok" disabled={busy || pin.length === 0}>
            {t('people.pin.ok')}
          </button>
        </div>
      </form>
    </div>
  );
}
