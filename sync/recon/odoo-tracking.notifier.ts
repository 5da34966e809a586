import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { OdooTrackingNotifier, TrackingChange } from '../../app/recon/recon.ports';
import type { OdooSession } from '../odoo/odoo.gateway';
import { parseReply } from '../odoo/odoo-picking.reader';
import { createdId, many2one, m2oId } from '../odoo/odoo-records.schema';
import { postNoteOnce } from '../odoo/picking-chatter';
import type { HubOdoo } from './hub-odoo.client';
import { trackingNote } from './odoo-tracking.note';
import type { TrackingTodo } from './odoo-tracking.note';

const count = z.number().int().nonnegative();

/**
 * What Odoo is told when a parcel's tracking status changes. Community Odoo has no "delivered" field on stock.picking
 * (16–19), so the change goes where a user of that picking looks:
 * - Every change: an internal note in the picking's chatter (`message_post`, `message_type` comment, subtype
 *   `mail.mt_note`, so followers get no e-mail), with a subject per status ("Parcel delivered", "Parcel returned to
 *   sender"…), the carrier's words, the location and the time (UTC), and a last line "Tracking <code>: <status>".
 *   The body is HTML with every value escaped: 16 takes a str body as HTML (sanitized); 17–19 escape a str body
 *   unless `body_is_html` is given (their RPC flag for it), so it is given there.
 * - Returned to sender, delivery failed, carrier exception: also a To-Do activity on the picking ("Parcel returned:
 *   inspect the return (<code>)", "Delivery failed: contact the customer (<code>)", "Carrier exception: check the
 *   shipment (<code>)"), assigned to the picking's Responsible (`user_id`), else to the hub's API user, due today. It
 *   shows in the activity views and the To-Do filters; Mark Done clears it. Its type is `mail.mail_activity_data_todo`,
 *   looked up in ir.model.data; an API user without the Access Rights group cannot read that table, and then Odoo's
 *   own default for a picking applies (`default_res_model`: the To-Do type on every version).
 * - Delivered: the note only (nothing is left to do).
 * Told once in effect: the hub retries a change until Odoo acknowledged it, so each step first looks for what an
 * earlier try may have done behind a lost reply: a message with the marker line; an activity with the same summary,
 * open or archived (17+), or the message Mark Done leaves (it repeats the summary; 16–18 delete a done To-Do).
 * A picking deleted in Odoo answers NOT_FOUND (not retryable).
 */
class OdooTracking implements OdooTrackingNotifier {
  private todoType: Promise<number | null> | null = null;

  constructor(private readonly odoo: HubOdoo) {}

  async notify(change: TrackingChange): Promise<void> {
    const session = await this.odoo.apiSession();
    const note = trackingNote(change);
    await postNoteOnce(session, change.pickingId, note.marker, note.html, { subject: note.subject, ...(session.major >= 17 ? { body_is_html: true } : {}) });
    if (note.todo) await this.todoOnce(session, change.pickingId, note.todo);
  }

  private async todoOnce(odoo: OdooSession, pickingId: number, todo: TrackingTodo): Promise<void> {
    const archived = odoo.major >= 17 ? [['active', 'in', [true, false]]] : [];
    const same = [['res_model', '=', 'stock.picking'], ['res_id', '=', pickingId], ['summary', '=', todo.summary], ...archived];
    if (parseReply(count, await odoo.call('mail.activity', 'search_count', [same]), 'activity search') > 0) return;
    const doneMessage = [['model', '=', 'stock.picking'], ['res_id', '=', pickingId], ['body', 'ilike', todo.summary]];
    if (parseReply(count, await odoo.call('mail.message', 'search_count', [doneMessage]), 'message search') > 0) return;

    const [picking] = parseReply(z.array(z.object({ user_id: many2one })), await odoo.call('stock.picking', 'read', [[pickingId]], { fields: ['user_id'] }), 'picking read');
    if (!picking) throw new StationError('NOT_FOUND', `odoo stock.picking ${pickingId} does not exist`);
    const typeId = await this.todoTypeId(odoo);
    const values = {
      res_id: pickingId,
      summary: todo.summary,
      note: todo.noteHtml,
      user_id: m2oId(picking.user_id) ?? odoo.uid,
      ...(typeId !== null ? { activity_type_id: typeId } : {}),
    };
    // As Odoo's "Schedule activity" does: mail.activity's default_get finds res_model_id from `default_res_model`.
    parseReply(createdId, await odoo.call('mail.activity', 'create', [values], { context: { default_res_model: 'stock.picking' } }), 'activity create');
  }

  /** The To-Do type's id, once per notifier; null when this user may not read ir.model.data (Odoo's default applies). */
  private todoTypeId(odoo: OdooSession): Promise<number | null> {
    this.todoType ??= (async () => {
      try {
        const domain = [['module', '=', 'mail'], ['name', '=', 'mail_activity_data_todo']];
        const rows = parseReply(z.array(z.object({ res_id: z.number().int() })), await odoo.call('ir.model.data', 'search_read', [domain], { fields: ['res_id'], limit: 1 }), 'xmlid lookup');
        return rows[0]?.res_id ?? null;
      } catch (error) {
        if (error instanceof StationError && error.code === 'AUTH') return null;
        this.todoType = null;
        throw error;
      }
    })();
    return this.todoType;
  }
}

/** The notifier of tracking changes, on the hub's Odoo session (`hubOdoo(config.odoo)`). */
export function odooTrackingNotifier(odoo: HubOdoo): OdooTrackingNotifier {
  return new OdooTracking(odoo);
}
