import type { TrackingStatus } from '../../app/domain/tracking.schema';
import type { TrackingChange } from '../../app/recon/recon.ports';

/** What a customer-service user must do about a parcel: a To-Do activity on the picking. */
export interface TrackingTodo {
  /** Unique per parcel and status: the activity's own idempotency key (and what its "done" message repeats). */
  summary: string;
  noteHtml: string;
}

export interface TrackingNote {
  subject: string;
  /** HTML whose every value is escaped. */
  html: string;
  /** A line of the note found by a search of the picking's messages: this code's status was told. */
  marker: string;
  todo: TrackingTodo | null;
}

/** Each status's subject in the chatter (distinct, so "Parcel delivered" stands out in a picking's history). */
const SUBJECT: Readonly<Record<TrackingStatus, string>> = {
  pre_transit: 'Label created, awaiting the carrier',
  in_transit: 'Parcel in transit',
  out_for_delivery: 'Parcel out for delivery',
  available_for_pickup: 'Parcel available for pickup',
  delivered: 'Parcel delivered',
  delivery_failed: 'Delivery attempt failed',
  delayed: 'Parcel delayed',
  returned_to_sender: 'Parcel returned to sender',
  exception: 'Carrier exception',
  cancelled: 'Shipment cancelled',
  unknown: 'Tracking status unknown',
};

/** What customer service looks for: the statuses that need a person, and what that person does. */
const TODO: Partial<Readonly<Record<TrackingStatus, { summary: string; action: string }>>> = {
  returned_to_sender: { summary: 'Parcel returned: inspect the return', action: 'The carrier is returning this parcel. When it arrives, inspect it and decide with the customer: re-ship or refund.' },
  delivery_failed: { summary: 'Delivery failed: contact the customer', action: 'The carrier could not deliver this parcel. Contact the customer to confirm the address or arrange a new delivery.' },
  exception: { summary: 'Carrier exception: check the shipment', action: 'The carrier reported a problem with this parcel. Check the shipment with the carrier and tell the customer if the delivery is late.' },
};

// Values only ever land in text, never in attributes: escaping & < > is all, and it is what Odoo's sanitizer keeps
// (it writes `&quot;` back as `"`), so the stored body is the one sent and a search finds the marker as built.
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeHtml = (text: string): string => text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);

const utc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The marker of one code's status: plain words (no character HTML escapes), so a search of the stored body finds it. */
export const noteMarker = (trackingCode: string, status: TrackingStatus): string => `Tracking ${escapeHtml(trackingCode)}: ${status}`;

/**
 * The chatter note of one tracking change (subject, escaped HTML body, marker line) and, for a returned, failed or
 * exception parcel, the To-Do a person must act on. Delivered has its own subject and no activity: nothing is left
 * to do, and a user looks for it in the chatter.
 */
export function trackingNote(change: TrackingChange): TrackingNote {
  const subject = SUBJECT[change.after];
  const code = escapeHtml(change.trackingCode);
  const carrier = change.carrier ? `${escapeHtml(change.carrier)} ` : '';
  const was = change.before && change.before !== change.after ? ` (was: ${escapeHtml(SUBJECT[change.before].toLowerCase())})` : '';
  const details = [
    change.description ? escapeHtml(change.description) : null,
    change.location ? `Location: ${escapeHtml(change.location)}` : null,
    change.at !== null ? `Time: ${utc(change.at)}` : null,
  ].filter((line): line is string => line !== null);
  const marker = noteMarker(change.trackingCode, change.after);
  const html = [
    `<p><b>${escapeHtml(subject)}</b>: ${carrier}parcel ${code}${was}</p>`,
    details.length > 0 ? `<p>${details.join('<br>')}</p>` : '',
    `<p>${marker}</p>`,
  ].join('');
  const todo = TODO[change.after];
  return {
    subject,
    html,
    marker,
    todo: todo
      ? { summary: `${todo.summary} (${change.trackingCode})`, noteHtml: `<p>${escapeHtml(todo.action)}</p>${details.length > 0 ? `<p>${details.join('<br>')}</p>` : ''}` }
      : null,
  };
}
