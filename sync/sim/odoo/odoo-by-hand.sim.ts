import { toOdooDatetime } from '../../odoo/odoo-datetime';
import type { ObjectService } from './object-service.sim';
import type { RecordStore } from './record-store.sim';

/**
 * Changes people make in Odoo behind the stations' backs, for reconciliation tests and the demo: each applied as one
 * user request (rolled back whole if it fails), through the same ORM as API calls.
 */
export class OdooByHand {
  constructor(
    private readonly store: RecordStore,
    private readonly objects: ObjectService,
    private readonly asUser: (fn: () => void) => void,
    private readonly validate: (pickingId: number) => void,
  ) {}

  /**
   * A user ships a picking from Odoo: validates it (unless done) and types a tracking reference no station knows
   * (`false`: none); `doneAt` as the time it was done.
   */
  shipDone(pickingId: number, trackingRef: string | false, doneAt = Date.now()): void {
    if (this.store.get('stock.picking', pickingId).state !== 'done') this.validate(pickingId);
    this.asUser(() => this.store.write('stock.picking', [pickingId], { carrier_tracking_ref: trackingRef, date_done: toOdooDatetime(doneAt) }));
  }

  /**
   * A user cancels a delivery the station packed. On a real Odoo this happens before the station's validation gets
   * through (the station then holds a dead letter); the sandbox applies it to a picking in any state, so that a
   * scenario can show "packed at the station, not done in Odoo" without timing a race.
   */
  cancel(pickingId: number): void {
    const moves = this.store.search('stock.move', [['picking_id', '=', pickingId]]);
    this.asUser(() => {
      this.store.write('stock.move', moves, { state: 'cancel' });
      this.store.write('stock.picking', [pickingId], { state: 'cancel' });
    });
  }

  /** A user empties a picking's Tracking Reference. */
  clearTrackingRef(pickingId: number): void {
    this.asUser(() => this.store.write('stock.picking', [pickingId], { carrier_tracking_ref: false }));
  }

  /** A user deletes the picking's attachments (the labels the station kept on it); returns how many. */
  removeAttachments(pickingId: number): number {
    const ids = this.store.search('ir.attachment', [['res_model', '=', 'stock.picking'], ['res_id', '=', pickingId]]);
    this.asUser(() => this.store.unlink('ir.attachment', ids));
    return ids.length;
  }

  /** A user makes someone the picking's Responsible (`false`: nobody); returns a new user's id when `user` is a name. */
  setResponsible(pickingId: number, user: number | string | false): number | false {
    let userId: number | false = typeof user === 'string' ? false : user;
    this.asUser(() => {
      if (typeof user === 'string') userId = this.store.create('res.users', { name: user, login: user.toLowerCase().replace(/\s+/g, '.'), company_id: 1 });
      this.store.write('stock.picking', [pickingId], { user_id: userId });
    });
    return userId;
  }

  /** A user clicks Mark Done on an activity, with feedback (16–18 delete it, 19 archives it; the chatter says so). */
  markActivityDone(activityId: number, feedback: string): void {
    this.asUser(() => this.objects.execute('mail.activity', 'action_feedback', [[activityId]], { feedback }));
  }
}
