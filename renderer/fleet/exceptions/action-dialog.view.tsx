import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ExceptionAction } from '../../../app/recon/exception.schema';
import { ACTION_TEXT } from './exceptions-text';

export type DialogAction = 'assign' | 'resolve' | 'ignore' | 'reopen';

const FIELD: Record<DialogAction, { label: string; required: boolean }> = {
  assign: { label: 'Owner (a fleet user)', required: true },
  resolve: { label: 'How it was resolved (required)', required: true },
  ignore: { label: 'Why it is ignored (required)', required: true },
  reopen: { label: 'Note (optional)', required: false },
};

function toAction(type: DialogAction, text: string): ExceptionAction {
  if (type === 'assign') return { type, owner: text };
  if (type === 'resolve') return { type, note: text };
  if (type === 'ignore') return { type, reason: text };
  return { type, note: text || null };
}

/**
 * A modal for an action that needs words (the browser's own dialog: focus stays inside, Escape cancels). Resolving
 * needs a note and ignoring a reason; the button stays disabled until they are written.
 */
export function ActionDialog({
  type,
  count,
  initial,
  busy,
  onSubmit,
  onCancel,
}: {
  type: DialogAction;
  count: number;
  initial: string;
  busy: boolean;
  onSubmit(action: ExceptionAction): void;
  onCancel(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState(initial);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  const field = FIELD[type];
  const ready = !field.required || text.trim() !== '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready && !busy) onSubmit(toAction(type, text.trim()));
  };
  return (
    <dialog ref={dialog} className="panel action-dialog" onCancel={onCancel} aria-labelledby="action-dialog-title" data-testid={`dialog-${type}`}>
      <form className="reason-form" onSubmit={submit}>
        <h3 className="panel-title" id="action-dialog-title">
          {ACTION_TEXT[type]} {count} {count === 1 ? 'exception' : 'exceptions'}
        </h3>
        <label className="audit-label">
          {field.label}
          <input
            className="fleet-input"
            value={text}
            maxLength={type === 'assign' ? 100 : 1000}
            required={field.required}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            data-testid={`dialog-${type}-text`}
          />
        </label>
        <div className="row-actions">
          <button type="submit" className={`btn-small ${type === 'ignore' ? 'btn-danger' : 'btn-primary'}`} disabled={busy || !ready} data-testid={`dialog-${type}-submit`}>
            {ACTION_TEXT[type]}
          </button>
          <button type="button" className="btn-small btn-secondary" onClick={onCancel} data-testid={`dialog-${type}-cancel`}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
