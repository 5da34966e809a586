import { useState } from 'react';
import type { ExceptionAction, HubException } from '../../../app/recon/exception.schema';
import type { ExceptionActionResponse } from '../../../app/recon/exceptions-api.schema';
import { applyExceptionAction } from '../../../app/recon/exception-workflow';
import { errorText } from '../api/fleet-http';
import { ActionDialog, type DialogAction } from './action-dialog.view';
import { exceptionsApi } from './exceptions-http';
import { ACTION_TEXT, type ActionType } from './exceptions-text';

/** A stand-in for each action, only to ask the work-queue rules which of the chosen items allow it. */
const PROBE: Record<ActionType, ExceptionAction> = {
  assign: { type: 'assign', owner: '-' },
  start: { type: 'start' },
  resolve: { type: 'resolve', note: '-' },
  ignore: { type: 'ignore', reason: '-' },
  reopen: { type: 'reopen', note: null },
};
const ACTIONS: ActionType[] = ['assign', 'start', 'resolve', 'ignore', 'reopen'];

/** What one action did: how many changed, and why each refused one was refused. */
export function describeOutcome(type: ActionType, outcome: ExceptionActionResponse): string {
  const head = `${ACTION_TEXT[type]}: ${outcome.updated.length} updated`;
  if (outcome.refused.length === 0) return head;
  return `${head}, ${outcome.refused.length} refused (${outcome.refused.map((r) => `#${r.id}: ${r.why}`).join('; ')})`;
}

/**
 * The actions on the chosen exceptions (one or many alike). Each button says how many of them the work-queue rules
 * allow it for; the hub decides again and answers which it refused.
 */
export function ActionBar({ chosen, me, onDone, testId }: { chosen: HubException[]; me: string; onDone(message: string): void; testId: string }) {
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const allowed = (type: ActionType) => chosen.filter((e) => applyExceptionAction(e, PROBE[type], me).ok).length;

  const run = async (action: ExceptionAction) => {
    setBusy(true);
    try {
      const outcome = await exceptionsApi.act({ ids: chosen.map((e) => e.id), action });
      setError(null);
      setDialog(null);
      onDone(describeOutcome(action.type, outcome));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="row-actions action-bar" data-testid={testId}>
      {ACTIONS.map((type) => {
        const n = allowed(type);
        return (
          <button
            key={type}
            type="button"
            className={`btn-small ${type === 'ignore' ? 'btn-danger' : type === 'resolve' ? 'btn-success' : 'btn-secondary'}`}
            disabled={busy || n === 0}
            onClick={() => (type === 'start' ? void run(PROBE.start) : setDialog(type))}
            data-testid={`${testId}-${type}`}
          >
            {ACTION_TEXT[type]}
            {chosen.length > 1 ? ` (${n})` : ''}
          </button>
        );
      })}
      {error && (
        <span className="command-error small" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
      {dialog && (
        <ActionDialog
          type={dialog}
          count={chosen.length}
          initial={dialog === 'assign' ? me : ''}
          busy={busy}
          onSubmit={(action) => void run(action)}
          onCancel={() => setDialog(null)}
        />
      )}
    </div>
  );
}
