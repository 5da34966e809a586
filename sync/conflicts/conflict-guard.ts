import { StationError } from '../../app/domain/errors';
import type { OutboxEvent } from '../../app/domain/outbox-event.schema';
import type { FactNeeds, PickingFacts } from '../../app/domain/picking-basis.schema';
import type { PickingFactsSource } from '../../app/ports';
import { VALIDATED_ELSEWHERE, describeConflict, differences } from '../../app/sync/picking-drift';
import type { PickingBasisStore } from './picking-basis.store';

/**
 * null: the write depends on nothing Odoo's users change (a void takes back only what the station itself wrote; a
 * return label's copy and note go on the picking whatever became of it).
 */
function subjectOf(event: OutboxEvent): { pickingId: number; needs: FactNeeds; validates: boolean } | null {
  const p = event.payload;
  switch (p.type) {
    case 'parcel.packed':
      return { pickingId: p.parcel.pickingId, needs: { lines: true, address: false }, validates: false };
    case 'label.bought':
      return { pickingId: p.pickingId, needs: { lines: false, address: true }, validates: false };
    case 'picking.validate':
      return { pickingId: p.pickingId, needs: { lines: true, address: true }, validates: true };
    case 'label.void':
    case 'label.voided':
    case 'return.label':
    case 'hub.fact':
      return null;
  }
}

/** The accepted basis: what Odoo says now where it was read, the old basis for the rest. */
const merged = (basis: PickingFacts, now: PickingFacts): PickingFacts => ({
  ...basis,
  state: now.state,
  carrier: now.carrier,
  ...(now.address ? { address: now.address } : {}),
  ...(now.lines ? { lines: now.lines } : {}),
});

/**
 * Before each write to Odoo: did the picking change under the station? The facts the write depends on are read
 * from Odoo and compared with what the picking was packed against. A difference is a CONFLICT (a dead letter of
 * its own kind, the differences spelled out): never a blind overwrite, never a silent success.
 *
 * - A picking Odoo shows `done` before the station's own parcels and labels reached it was validated by someone
 *   else: conflict. At the station's validation, `done` is the station's own earlier try whose reply was lost, or a
 *   user's click after every parcel was recorded — either way Odoo holds exactly what the station packed: success.
 * - A supervisor who replays a conflict accepts Odoo's version: the next check takes it as the new basis.
 * - A picking without a recorded basis (events queued before the check existed) is not checked.
 */
export class ConflictGuard {
  constructor(
    private readonly store: PickingBasisStore,
    private readonly odoo: PickingFactsSource,
  ) {}

  /**
   * Throws CONFLICT, or returns what it read of the picking (null when it had no basis to compare with). `source`:
   * where to read (a delivery's picking work, which reads once for the check and the writes); Odoo itself by default.
   */
  async check(event: OutboxEvent, source: PickingFactsSource = this.odoo, opts: { validationFollows?: boolean } = {}): Promise<PickingFacts | null> {
    const subject = subjectOf(event);
    if (subject === null) return null;
    const { pickingId, needs, validates } = subject;
    const basis = this.store.basis(pickingId);
    if (basis === null) return null;
    const now = await source.pickingFacts(pickingId, needs);
    // A validation with a backorder shrinks the moves: a done picking is not compared line by line at validation.
    // Nor before this station's own queued validation (`validationFollows`): a crash after a batch's validation went
    // through, before its done-marks were written, brings its parcels and labels back after Odoo's `done`; their
    // idempotent writes then find them in place; a parcel Odoo does not hold is the CONFLICT then (OdooPickingWork).
    if (now.state === 'done' && (validates || opts.validationFollows === true)) return now;
    const found = differences(basis.facts, now, needs);
    if (now.state === 'done') found.unshift(VALIDATED_ELSEWHERE);
    if (found.length === 0) return now;
    if (this.store.conflictReplayedSince(pickingId, basis.recordedAt)) {
      this.store.accept(merged(basis.facts, now));
      return now;
    }
    throw new StationError('CONFLICT', describeConflict(basis.facts.name, found), { detail: found });
  }

  /** The picking is validated: nothing more is written to it. */
  finished(pickingId: number): void {
    this.store.forget(pickingId);
  }
}
