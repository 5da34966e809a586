import { z } from 'zod';
import { isUnreachable } from '../../app/domain/errors';
import type { LabelCopy, PickingWorks } from '../../app/ports';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { MoveLineRecordSchema, m2oId, many2one } from './odoo-records.schema';
import type { MoveLineRecord } from './odoo-records.schema';
import { OdooPickingWork } from './odoo-picking.work';
import { lineFieldsOf } from './parcel-packages';
import { validateTogether } from './odoo-validate.flow';
import { readPickingSnapshots } from './picking-snapshot.reader';
import { createLabelCopies, findLabelCopies, uniqueByName } from './label-copies';

const outcomeOf = (run: Promise<unknown>): Promise<unknown> => run.then(
  () => null,
  (error: unknown) => error,
);

/**
 * Several pickings' works in one delivery: on 17+ one `web_read` reads them all; the label copies of all of them take
 * one search (only where the snapshot counted attachments) and one create; the fully packed ones are validated with
 * one `button_validate` on the set. What Odoo refused as a whole is tried picking by picking, so a picking's own
 * trouble fails only that picking; what has an unknown outcome (no answer) fails them all, to be read afresh on the
 * next try.
 */
export class OdooPickingWorks implements PickingWorks {
  private constructor(
    private readonly odoo: OdooExec,
    readonly works: readonly OdooPickingWork[],
  ) {}

  static async open(odoo: OdooExec, pickingIds: readonly number[]): Promise<OdooPickingWorks> {
    // A picking missing from the answer gets a work of its own, which says NOT_FOUND when it reads.
    const snapshots = odoo.major >= 17 && pickingIds.length > 1 ? await readPickingSnapshots(odoo, pickingIds, lineFieldsOf(odoo.major)) : new Map();
    return new OdooPickingWorks(odoo, pickingIds.map((id) => new OdooPickingWork(odoo, id, snapshots.get(id))));
  }

  private work(pickingId: number): OdooPickingWork {
    const work = this.works.find((w) => w.pickingId === pickingId);
    if (!work) throw new Error(`picking ${pickingId} is not part of this delivery`);
    return work;
  }

  async confirm(pickingIds: readonly number[]): Promise<Map<number, unknown>> {
    const results = new Map<number, unknown>();
    const waiting = pickingIds.map((id) => this.work(id)).filter((w) => w.hasPending());
    for (const id of pickingIds) results.set(id, null);
    if (waiting.length === 0) return results;
    let lines: Map<number, MoveLineRecord[]>;
    try {
      lines = await readLinesOf(this.odoo, waiting.map((w) => w.pickingId));
    } catch (error) {
      for (const w of waiting) results.set(w.pickingId, error);
      return results;
    }
    for (const w of waiting) results.set(w.pickingId, await outcomeOf(w.confirmPending(lines.get(w.pickingId) ?? [])));
    return results;
  }

  async attachLabels(labels: ReadonlyMap<number, readonly LabelCopy[]>): Promise<Map<number, unknown>> {
    const entries = [...labels].filter(([, copies]) => copies.length > 0);
    const results = new Map<number, unknown>();
    const eachAlone = async () => {
      for (const [id, copies] of entries) results.set(id, await outcomeOf(this.work(id).attachLabels(copies)));
    };
    if (entries.length <= 1) {
      await eachAlone();
      return results;
    }
    try {
      const searched = entries.map(([id]) => id).filter((id) => !this.work(id).attachmentsKnownAbsent());
      const names = entries.flatMap(([, copies]) => copies.map((c) => c.name));
      const found = new Set((searched.length === 0 ? [] : await findLabelCopies(this.odoo, searched, names)).map((a) => `${a.res_id}\u0000${a.name}`));
      const missing = entries.flatMap(([id, copies]) => uniqueByName(copies).filter((c) => !found.has(`${id}\u0000${c.name}`)).map((c) => ({ ...c, pickingId: id })));
      if (missing.length > 0) {
        for (const [id] of entries) this.work(id).attachmentsChanged();
        await createLabelCopies(this.odoo, missing);
      }
      for (const [id] of entries) results.set(id, null);
    } catch (error) {
      if (isUnreachable(error)) for (const [id] of entries) results.set(id, error);
      // Odoo refused the combined create (none of it was made): each picking alone.
      else await eachAlone();
    }
    return results;
  }

  async validate(pickingIds: readonly number[]): Promise<Map<number, unknown>> {
    const results = new Map<number, unknown>();
    const together: OdooPickingWork[] = [];
    const alone: OdooPickingWork[] = [];
    for (const id of pickingIds) {
      const work = this.work(id);
      try {
        const state = await work.state();
        if (state === 'done') results.set(id, null);
        else (state !== 'cancel' && (await work.everythingPacked()) ? together : alone).push(work);
      } catch (error) {
        results.set(id, error);
      }
    }
    if (together.length === 1) alone.push(...together.splice(0));
    if (together.length > 1) {
      try {
        const done = new Set(await validateTogether(this.odoo, together.map((w) => w.pickingId)));
        for (const work of together) {
          if (!done.has(work.pickingId)) {
            alone.push(work);
            continue;
          }
          work.validated();
          results.set(work.pickingId, null);
        }
      } catch (error) {
        // No answer: validated or not, each is read afresh next time. Refused: none was validated, each alone.
        if (isUnreachable(error)) for (const work of together) results.set(work.pickingId, error);
        else alone.push(...together);
      }
    }
    for (const work of alone) results.set(work.pickingId, await outcomeOf(work.validate()));
    return results;
  }
}

/** The move lines of these pickings in one read, per picking, in id order. */
async function readLinesOf(odoo: OdooExec, pickingIds: readonly number[]): Promise<Map<number, MoveLineRecord[]>> {
  const rows = parseReply(
    z.array(MoveLineRecordSchema.extend({ picking_id: many2one })),
    await odoo.call('stock.move.line', 'search_read', [[['picking_id', 'in', [...pickingIds]]]], { fields: [...lineFieldsOf(odoo.major), 'picking_id'], order: 'id asc' }),
    'move line read',
  );
  const out = new Map<number, MoveLineRecord[]>();
  for (const { picking_id: picking, ...line } of rows) {
    const id = m2oId(picking);
    if (id !== null) out.set(id, [...(out.get(id) ?? []), line]);
  }
  return out;
}
