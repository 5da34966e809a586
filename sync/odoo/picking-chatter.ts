import { z } from 'zod';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';

/**
 * A note in a picking's chatter, posted once: `message_post` (public on mail.thread in 16–19; Odoo's own
 * `send_to_shipper` posts the shipping cost this way) as an internal note, plain text (17+ escape a str body, 16
 * sanitizes it). A delivery retried after a lost reply first looks for a message containing `marker` and posts
 * nothing when one is there. `extra`: more of message_post's arguments (`subject`, 17+'s `body_is_html`).
 */
export async function postNoteOnce(odoo: OdooExec, pickingId: number, marker: string, body: string, extra: Record<string, unknown> = {}): Promise<void> {
  const domain = [['model', '=', 'stock.picking'], ['res_id', '=', pickingId], ['body', 'ilike', marker]];
  const found = parseReply(z.number().int(), await odoo.call('mail.message', 'search_count', [domain]), 'message search');
  if (found > 0) return;
  // The answer (a message id on 16–18, a record on 19) is not needed.
  await odoo.call('stock.picking', 'message_post', [[pickingId]], { body, message_type: 'comment', subtype_xmlid: 'mail.mt_note', ...extra });
}
