import type { ExceptionAction, ExceptionHistoryAction, ExceptionState } from './exception.schema';

/** What one action does to an exception, or why it may not. */
export type ExceptionStep =
  | { ok: true; state: ExceptionState; owner: string | null; reason: string | null; history: ExceptionHistoryAction; note: string | null }
  | { ok: false; why: string };

const closed = (state: ExceptionState): boolean => state === 'resolved' || state === 'ignored';

/**
 * The work-queue rules: open → in progress → resolved | ignored (ignoring needs a reason, resolving a note); a closed
 * exception can only be reopened; assigning is allowed while it is not closed and moves nothing. `by` starts work on
 * an open item when it is assigned to nobody yet.
 */
export function applyExceptionAction(current: { state: ExceptionState; owner: string | null }, action: ExceptionAction, by: string): ExceptionStep {
  switch (action.type) {
    case 'assign':
      if (closed(current.state)) return { ok: false, why: `it is ${current.state}: reopen it first` };
      return { ok: true, state: current.state, owner: action.owner, reason: null, history: 'assigned', note: `to ${action.owner}` };
    case 'start':
      if (current.state !== 'open') return { ok: false, why: `it is ${current.state}, not open` };
      return { ok: true, state: 'in_progress', owner: current.owner ?? by, reason: null, history: 'started', note: null };
    case 'resolve':
      if (closed(current.state)) return { ok: false, why: `it is ${current.state} already` };
      return { ok: true, state: 'resolved', owner: current.owner ?? by, reason: action.note, history: 'resolved', note: action.note };
    case 'ignore':
      if (closed(current.state)) return { ok: false, why: `it is ${current.state} already` };
      return { ok: true, state: 'ignored', owner: current.owner ?? by, reason: action.reason, history: 'ignored', note: action.reason };
    case 'reopen':
      if (!closed(current.state)) return { ok: false, why: `it is ${current.state}, not closed` };
      return { ok: true, state: 'open', owner: current.owner, reason: null, history: 'reopened', note: action.note };
  }
}
