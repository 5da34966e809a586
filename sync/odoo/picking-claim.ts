import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { ClaimOutcome, PickingClaimHolder } from '../../app/ports';
import type { OdooExec } from './odoo-exec';
import { fromOdooDatetime } from './odoo-datetime';
import { parseReply } from './odoo-picking.reader';
import { createdId } from './odoo-records.schema';

/**
 * A station's claim on a picking is a `mail.activity` on it, summary "Packing at station <id>": Odoo users see it in
 * the picking's chatter and the list's activity column, and release it with Mark Done or Cancel. Its `write_date`
 * (Odoo's clock) is when the station last confirmed it; a claim not confirmed within the TTL belongs to a station
 * that went away and may be taken over. Two stations claiming at once both create one; the older activity wins and
 * the other station removes its own.
 */
const PREFIX = 'Packing at station ';


const ClaimRow = z.object({ id: z.number(), summary: z.union([z.string(), z.literal(false)]), create_date: z.string(), write_date: z.string() });

interface Claim extends PickingClaimHolder {
  id: number;
}

async function readClaims(odoo: OdooExec, pickingId: number): Promise<Claim[]> {
  const rows = parseReply(
    z.array(ClaimRow),
    await odoo.call(
      'mail.activity',
      'search_read',
      [[['res_model', '=', 'stock.picking'], ['res_id', '=', pickingId], ['summary', '=like', `${PREFIX}%`]]],
      { fields: ['summary', 'create_date', 'write_date'], order: 'id asc' },
    ),
    'activity read',
  );
  return rows.map((r) => ({
    id: r.id,
    stationId: (r.summary || '').slice(PREFIX.length),
    since: fromOdooDatetime(r.create_date.slice(0, 19)),
    lastSeen: fromOdooDatetime(r.write_date.slice(0, 19)),
  }));
}

const holder = (c: Claim): PickingClaimHolder => ({ stationId: c.stationId, since: c.since, lastSeen: c.lastSeen });

export class OdooClaims {

  /** `odoo`: the gateway's session, which knows the API user (the claim's assignee). */
  constructor(private readonly odoo: () => Promise<OdooExec & { uid: number }>) {}

  async claim(pickingId: number, stationId: string, ttlMs: number, now: number): Promise<ClaimOutcome> {
    const odoo = await this.odoo();
    const claims = await readClaims(odoo, pickingId);
    const live = (c: Claim) => now - c.lastSeen < ttlMs;
    const mine = claims.find((c) => c.stationId === stationId);
    // The older live claim holds: one made by another station while this one's was live lost the race and withdraws.
    const other = claims.find((c) => c.stationId !== stationId && live(c) && (mine === undefined || !live(mine) || c.id < mine.id));
    if (other) return { kind: 'held', by: holder(other) };
    const expired = claims.filter((c) => c.stationId !== stationId && !live(c));
    for (const c of expired) {
      await odoo.call('mail.activity', 'action_feedback', [[c.id]], { feedback: `claim expired: station ${c.stationId} was not seen for ${Math.round(ttlMs / 60_000)} min; taken over by station ${stationId}` });
    }
    if (mine) {
      // Any write moves write_date: the claim is confirmed as of now.
      await odoo.call('mail.activity', 'write', [[mine.id], { summary: `${PREFIX}${stationId}` }]);
      return { kind: 'claimed' };
    }
    let created: number;
    try {
      created = parseReply(
        createdId,
        await odoo.call(
          'mail.activity',
          'create',
          [
            {
              res_id: pickingId,
              // 16–18 assign it to the caller by default, 19 to nobody ("originally assigned to" no one in Mark Done).
              user_id: odoo.uid,
              summary: `${PREFIX}${stationId}`,
              note: `<p>The packing station <b>${escapeHtml(stationId)}</b> is packing this transfer. Other stations pack nothing of it until it is done, or until this activity is marked done or cancelled.</p>`,
            },
          ],
          // As Odoo's own "Schedule activity" does: mail.activity's default_get finds res_model_id (an ir.model a user
          // without the Access Rights group may not read) and the To-Do type from this.
          { context: { default_res_model: 'stock.picking' } },
        ),
        'activity create',
      );
    } catch (error) {
      // Two stations of one Odoo user claiming at once both subscribe that user to the picking; once the first has
      // committed, Odoo refuses the second ("a partner cannot follow twice the same object") and rolls it back whole.
      // A refusal with another live claim now present is that race lost: held. Anything else stays an error.
      const winner = error instanceof StationError && error.code === 'REJECTED' ? (await readClaims(odoo, pickingId)).find((c) => c.stationId !== stationId && live(c)) : undefined;
      if (winner) return { kind: 'held', by: holder(winner) };
      throw error;
    }
    // Both stations may have created one at the same moment: the older live claim wins, the other is withdrawn.
    const after = await readClaims(odoo, pickingId);
    const first = after.find((c) => c.id !== created && c.stationId !== stationId && live(c) && c.id < created);
    if (first) {
      await odoo.call('mail.activity', 'unlink', [[created]]);
      return { kind: 'held', by: holder(first) };
    }
    return { kind: 'claimed' };
  }

  /** Marks this station's claim done with `feedback` (it stays in the chatter as a message); nothing when none. */
  async release(pickingId: number, stationId: string, feedback: string): Promise<void> {
    const odoo = await this.odoo();
    const mine = (await readClaims(odoo, pickingId)).filter((c) => c.stationId === stationId).map((c) => c.id);
    if (mine.length > 0) await odoo.call('mail.activity', 'action_feedback', [mine], { feedback });
  }
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
