import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { StationApi } from '../../../app/ipc/contract';
import { useT } from '../i18n/use-t';
import { scanFieldProps } from '../scan/use-keyboard-wedge';

type Feedback = { tone: 'ok' | 'rejected' | 'error'; text: string } | null;

/**
 * Manual entry and keyboard-wedge scanners both type here, so the field takes focus back whenever nothing else that
 * accepts text has it; otherwise the next scan's keystrokes would land on a button or nowhere.
 */
export function ScanInputView({ api }: { api: StationApi }) {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const { t, text } = useT();

  useEffect(() => {
    const refocus = () => {
      const active = document.activeElement;
      const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement;
      if (!typing) input.current?.focus({ preventScroll: true });
    };
    refocus();
    const timer = setInterval(refocus, 1000);
    document.addEventListener('click', refocus);
    return () => {
      clearInterval(timer);
      document.removeEventListener('click', refocus);
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const code = value.trim();
    // Clear at once so a wedge scanner's next code does not get appended to this one while the core answers.
    setValue('');
    if (code === '') return;
    api.invoke('packing:scan', { code }).then(
      (res) =>
        setFeedback(
          res.outcome === 'applied'
            ? { tone: 'ok', text: t('packer.scan.applied', { code }) }
            : res.outcome === 'queued'
              ? { tone: 'ok', text: t('packer.scan.queued', { code }) }
              : { tone: 'rejected', text: res.reasonSay ? text(res.reasonSay) : (res.reason ?? t('packer.scan.notUsed', { code })) },
        ),
      (err: unknown) => setFeedback({ tone: 'error', text: t('packer.scan.failed', { code, error: err instanceof Error ? err.message : String(err) }) }),
    );
  };

  return (
    <section className="scan" aria-label={t('packer.scan')}>
      <label className="scan-label" htmlFor="scan-input">
        {t('packer.scan.label')}
      </label>
      <input
        id="scan-input"
        ref={input}
        className="scan-input"
        data-testid="scan-input"
        {...scanFieldProps}
        type="text"
        inputMode="text"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={512}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className={`scan-feedback scan-${feedback?.tone ?? 'none'}`} data-testid="scan-feedback" aria-live="polite">
        {feedback?.text ?? ''}
      </div>
    </section>
  );
}
