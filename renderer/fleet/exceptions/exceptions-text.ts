import type { ExceptionAction, ExceptionHistoryAction, ExceptionKind, ExceptionSeverity, ExceptionState } from '../../../app/recon/exception.schema';

/** How the fleet view names the exception model's values (one place, for the translation that comes later). */
export const KIND_TEXT: Record<ExceptionKind, string> = {
  packed_not_done: 'Packed, not done in Odoo',
  done_missing_tracking: 'Done without tracking',
  done_missing_label: 'Done without label',
  done_missing_weight: 'Done without weight',
  unknown_tracking: 'Unknown tracking in Odoo',
  orphan_label: 'Orphan label',
  weight_variance: 'Weight variance',
  price_variance: 'Price variance',
  no_tracking_progress: 'No tracking progress',
  delivery_failed: 'Delivery failed',
  returned: 'Returned',
  tracking_exception: 'Carrier exception',
  station_exception: 'Station exception',
};

export const STATE_TEXT: Record<ExceptionState, string> = { open: 'open', in_progress: 'in progress', resolved: 'resolved', ignored: 'ignored' };

export const HISTORY_TEXT: Record<ExceptionHistoryAction, string> = {
  opened: 'opened',
  seen_again: 'seen again',
  assigned: 'assigned',
  started: 'started',
  resolved: 'resolved',
  ignored: 'ignored',
  reopened: 'reopened',
  auto_resolved: 'resolved (no longer found)',
  auto_action: 'acted on by the hub',
};

export type ActionType = ExceptionAction['type'];

export const ACTION_TEXT: Record<ActionType, string> = { assign: 'Assign', start: 'Start', resolve: 'Resolve', ignore: 'Ignore', reopen: 'Reopen' };

/** Which state filter the list offers; the first is the default (what is still to do). */
export const STATE_FILTERS: { value: string; text: string }[] = [
  { value: 'open,in_progress', text: 'To do (open, in progress)' },
  { value: 'open', text: 'Open' },
  { value: 'in_progress', text: 'In progress' },
  { value: 'resolved', text: 'Resolved' },
  { value: 'ignored', text: 'Ignored' },
  { value: 'resolved,ignored', text: 'Closed (resolved, ignored)' },
  { value: '', text: 'Any state' },
];

export const SEVERITY_PILL: Record<ExceptionSeverity, string> = { info: 'pill-progress', warning: 'pill-warning', critical: 'pill-error' };

export const STATE_PILL: Record<ExceptionState, string> = { open: 'pill-warning', in_progress: 'pill-progress', resolved: 'pill-success', ignored: 'pill-muted' };
