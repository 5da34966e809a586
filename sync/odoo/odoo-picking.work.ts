import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import { VALIDATED_ELSEWHERE, describeConflict } from '../../app/sync/picking-drift';
import type { Parcel } from '../../app/domain/parcel.schema';
import type { FactNeeds, PickingFacts } from '../../app/domain/picking-basis.schema';
import type { FreightTotal } from '../../app/domain/freight.schema';
import type { LabelCopy, LabelVoid, PickingWork } from '../../app/ports';
import { dialectOf } from './odoo-version.dialect';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { MoveLineRecordSchema, WindowActionSchema, createdId, m2oId } from './odoo-records.schema';
import type { MoveLineRecord } from './odoo-records.schema';
import { doneQty, packedByMove, planParcelLines, quantityFields, sameQuantities, sumByMove } from './move-line.planner';
import { readLotPlan } from './odoo-lots.reader';
import { validatePicking } from './odoo-validate.flow';
import { PARTNER_FACT_FIELDS, PICKING_FACT_FIELDS, PartnerRow, PickingRow, factsOf, trackingRefsOf } from './picking-facts.reader';
import { MOVE_FIELDS, WorkMoveRow, readPickingSnapshot } from './picking-snapshot.reader';
import { completePackage, lineFieldsOf, lineTemplates, packageIds } from './parcel-packages';
import type { PendingParcel } from './parcel-packages';
import { createLabelCopies, findLabelCopies, uniqueByName } from './label-copies';
import type { PickingSnapshot, WorkMove } from './picking-snapshot.reader';
import { labelFieldValues, noteMixedFreight, noteVoid, renameVoidedCopies } from './label-refs';
import { postNoteOnce } from './picking-chatter';

/**
 * One delivery's work on one picking. What the writes and the conflict check need is read once and kept true as the
 * writes go: on 17+ one `web_read` brings the picking, its partner, moves and move lines; on 16 each is read when
 * first needed. The move lines are read again after each put-in-pack (what Odoo made of it: the new package, and the
 * open lines the next parcel is planned on). Every write is idempotent so the sync engine may retry after any lost
 * reply:
 * - putInPack: the packages holding this picking's move lines, in creation order, are its parcels 1..n (the outbox
 *   delivers a picking's events in order). If package #index exists and holds exactly the parcel's quantities, it is
 *   the parcel: its weight and type are completed and nothing is packed again; if it holds something else, a human
 *   packed in Odoo meanwhile and the parcel is REJECTED. Lots and serials of the parcel go on the move lines of that
 *   lot (`lot_id`), else on a new line with the existing `stock.lot` of that name, else with its `lot_name`.
 * - addTrackingRefs / attachLabels: compare with what Odoo has, write only what is missing (all in one write / one
 *   create).
 * - validate: a done picking is left alone.
 */
export class OdooPickingWork implements PickingWork {
  private snapshot: Partial<PickingSnapshot> = {};
  /** A parcel put in pack whose result was not read back yet (confirmLater). */
  private pending: PendingParcel | null = null;

  constructor(
    private readonly odoo: OdooExec,
    readonly pickingId: number,
    /** Read already (several pickings' snapshots in one request, picking-works.ts). */
    snapshot?: PickingSnapshot,
  ) {
    if (snapshot) this.snapshot = { ...snapshot };
  }

  async pickingFacts(pickingId: number, needs: FactNeeds): Promise<PickingFacts> {
    if (pickingId !== this.pickingId) throw new Error(`picking work of ${this.pickingId} asked for the facts of ${pickingId}`);
    const picking = await this.picking();
    return factsOf(picking, needs.lines ? await this.moves() : undefined, needs.address ? await this.partner() : undefined);
  }

  /**
   * `confirmLater`: Odoo's answer is not read back now; confirmPending() does it with lines read for several pickings
   * at once (picking-works.ts), and until then the package id is null.
   */
  async putInPack(parcel: Parcel, opts: { confirmLater?: boolean } = {}): Promise<{ packageId: number | null }> {
    const odoo = this.odoo;
    const f = quantityFields(odoo.major);
    const wanted = sumByMove(parcel.items);
    const before = await this.lines();
    const packages = packageIds(before);

    if (packages.length >= parcel.index) {
      const packageId = packages[parcel.index - 1] as number;
      if (!sameQuantities(wanted, packedByMove(before, packageId, f))) {
        throw new StationError('REJECTED', `parcel ${parcel.index} of picking ${parcel.pickingId}: package ${packageId} in Odoo holds other items`);
      }
      await completePackage(this.odoo, packageId, parcel);
      return { packageId };
    }
    if (packages.length < parcel.index - 1) {
      throw new StationError('REJECTED', `parcel ${parcel.index} of picking ${parcel.pickingId} arrived before parcel ${packages.length + 1}`);
    }
    const { state, name } = await this.picking();
    // Done without this parcel: someone validated it before the station's work reached Odoo (the conflict check lets a
    // done picking through when the station's own validation follows, for a replay after a crash, see ConflictGuard).
    if (state === 'done') throw new StationError('CONFLICT', describeConflict(name, [VALIDATED_ELSEWHERE]), { detail: [VALIDATED_ELSEWHERE] });
    if (state === 'cancel') throw new StationError('REJECTED', `picking ${parcel.pickingId} is ${state}: it cannot be packed`);

    const templates = lineTemplates(this.pickingId, await this.moves(), before);
    const foreign = [...wanted.keys()].filter((moveId) => !templates.has(moveId));
    if (foreign.length > 0) throw new StationError('REJECTED', `parcel ${parcel.index}: move(s) ${foreign.join(', ')} are not part of picking ${parcel.pickingId}`);
    const open = before.filter((l) => l.result_package_id === false);
    const sources = (await this.moves()).flatMap((m) => m2oId(m.location_id) ?? []);
    const ops = planParcelLines(odoo.major, open, parcel.items, templates, await readLotPlan(odoo, parcel.items, open, sources));
    // From the first write on, what Odoo holds is no longer what was read.
    this.snapshot.lines = undefined;
    for (const op of ops) {
      if (op.kind === 'write') await odoo.call('stock.move.line', 'write', [op.ids, op.values]);
      else parseReply(createdId, await odoo.call('stock.move.line', 'create', [op.values]), 'move line create');
    }

    const wizard = dialectOf(odoo.major).putInPackWizard;
    const action = WindowActionSchema.safeParse(await odoo.call('stock.picking', 'action_put_in_pack', [[this.pickingId]]));
    // Odoo's package dialog writes the weight and the box type it is given onto the new package.
    let dialogSetAll = false;
    if (action.success) {
      if (action.data.res_model !== wizard.model) throw new StationError('REJECTED', `put in pack opened an unexpected ${action.data.res_model} dialog`);
      const context = { ...(action.data.context ?? {}) };
      const values = wizard.values(this.pickingId, parcel.weightG / 1000, parcel.packageTypeId, context);
      const wizardId = parseReply(createdId, await odoo.call(wizard.model, 'create', [values], { context }), 'package wizard create');
      // 16 answers with no `result` key, 17/18 with "stock.quant.package(7,)", 19 with the package's ids: none is worth reading.
      await odoo.call(wizard.model, 'action_put_in_pack', [[wizardId]], { context });
      // Both dialects give the box type whenever the parcel has one; the weight only where the dialog has the field.
      dialogSetAll = 'shipping_weight' in values;
    }

    const made: PendingParcel = { parcel, before: packages, dialogSetAll };
    if (opts.confirmLater) {
      this.pending = made;
      return { packageId: null };
    }
    const packageId = await this.confirmParcel(made, await this.lines());
    return { packageId };
  }

  /** The parcel put in pack last is confirmed against these lines, its picking's as Odoo holds them now. */
  async confirmPending(lines: MoveLineRecord[]): Promise<void> {
    this.snapshot.lines = lines;
    const made = this.pending;
    this.pending = null;
    if (made) await this.confirmParcel(made, lines);
  }

  hasPending(): boolean {
    return this.pending !== null;
  }

  /** Odoo made a new package of the parcel (the newest), complete with weight and type. */
  private async confirmParcel(made: PendingParcel, lines: readonly MoveLineRecord[]): Promise<number> {
    const { parcel } = made;
    const created = packageIds(lines).filter((id) => !made.before.includes(id));
    const packageId = created[created.length - 1];
    if (packageId === undefined) throw new StationError('REJECTED', `Odoo created no package for parcel ${parcel.index} of picking ${parcel.pickingId}`);
    // Without the dialog (or without its weight fields) the package lacks them: read it and complete it.
    if (!made.dialogSetAll) await completePackage(this.odoo, packageId, parcel);
    return packageId;
  }

  /** Appends the codes `carrier_tracking_ref` lacks (comma separated, one per parcel) and the freight in one write. */
  async addTrackingRefs(codes: readonly string[], freight?: FreightTotal): Promise<void> {
    const refs = trackingRefsOf((await this.picking()).carrier_tracking_ref);
    const missing = [...new Set(codes.map((c) => c.trim()))].filter((c) => c !== '' && !refs.includes(c));
    await this.writeLabelFields([...refs, ...missing], freight);
    await noteMixedFreight(this.odoo, this.pickingId, freight);
  }

  /** The voided label's code leaves `carrier_tracking_ref` with the new freight (one write), its copy is renamed. */
  async voidLabel(label: LabelVoid): Promise<void> {
    const refs = trackingRefsOf((await this.picking()).carrier_tracking_ref);
    await this.writeLabelFields(refs.filter((c) => c !== label.trackingCode), label.freight);
    await renameVoidedCopies(this.odoo, this.pickingId, label);
    await noteMixedFreight(this.odoo, this.pickingId, label.freight);
    await noteVoid(this.odoo, this.pickingId, label);
  }

  private async writeLabelFields(codes: readonly string[], freight: FreightTotal | undefined): Promise<void> {
    const picking = await this.picking();
    const values = labelFieldValues(picking, codes, freight);
    if (values === null) return;
    await this.odoo.call('stock.picking', 'write', [[this.pickingId], values]);
    this.snapshot.picking = { ...picking, ...values };
  }

  /** Attaches each label as an `ir.attachment` of the picking unless one of its name exists: one search, one create. */
  async attachLabels(labels: readonly Pick<LabelCopy, 'name' | 'zpl'>[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const found = this.attachmentsKnownAbsent() ? [] : await findLabelCopies(this.odoo, [this.pickingId], labels.map((l) => l.name));
    for (const a of found) if (!ids.has(a.name)) ids.set(a.name, a.id);
    const missing = uniqueByName(labels).filter((l) => !ids.has(l.name));
    if (missing.length === 0) return ids;
    this.attachmentsChanged();
    const created = await createLabelCopies(this.odoo, missing.map((l) => ({ ...l, pickingId: this.pickingId })));
    missing.forEach((l, i) => created[i] !== undefined && ids.set(l.name, created[i] as number));
    return ids;
  }

  noteOnce(marker: string, body: string): Promise<void> {
    return postNoteOnce(this.odoo, this.pickingId, marker, body);
  }

  /** True when the snapshot counted no attachment on the picking (17+) and none was made since: nothing to search. */
  attachmentsKnownAbsent(): boolean {
    return this.snapshot.attachments === 0;
  }

  /** A create of label copies went out (its reply may be lost): whatever the snapshot counted, a search is needed now. */
  attachmentsChanged(): void {
    this.snapshot.attachments = undefined;
  }

  /** The picking's state as last read or written. */
  async state(): Promise<string> {
    return (await this.picking()).state;
  }

  /** Validated together with other pickings (picking-works.ts): nothing more is written to it in this work. */
  validated(): void {
    if (this.snapshot.picking) this.snapshot.picking = { ...this.snapshot.picking, state: 'done' };
  }

  async validate(): Promise<void> {
    const picking = await this.picking();
    await validatePicking(this.odoo, this.pickingId, () => this.everythingPacked(), picking.state);
    this.snapshot.picking = { ...picking, state: 'done' };
  }

  /** Every open move's quantity is in packages (as Odoo now holds the lines): validating leaves no backorder. */
  async everythingPacked(): Promise<boolean> {
    const f = quantityFields(this.odoo.major);
    const packed = new Map<number, number>();
    for (const line of await this.lines()) {
      const moveId = m2oId(line.move_id);
      if (line.result_package_id !== false && moveId !== null) packed.set(moveId, (packed.get(moveId) ?? 0) + doneQty(line, f));
    }
    const open = (await this.moves()).filter((m) => m.state !== 'cancel' && m.state !== 'done');
    return open.every((m) => (packed.get(m.id) ?? 0) >= m.product_uom_qty - 1e-6);
  }

  private lineFields(): string[] {
    return lineFieldsOf(this.odoo.major);
  }

  /** 17+: the first thing needed brings everything (one web_read). */
  private async whole(): Promise<void> {
    if (this.odoo.major >= 17 && this.snapshot.picking === undefined) this.snapshot = await readPickingSnapshot(this.odoo, this.pickingId, this.lineFields());
  }

  private async picking(): Promise<NonNullable<PickingSnapshot['picking']>> {
    await this.whole();
    if (this.snapshot.picking) return this.snapshot.picking;
    const [row] = parseReply(z.array(PickingRow), await this.odoo.call('stock.picking', 'read', [[this.pickingId]], { fields: [...PICKING_FACT_FIELDS] }), 'picking read');
    if (!row) throw new StationError('NOT_FOUND', `odoo stock.picking ${this.pickingId} does not exist`);
    return (this.snapshot.picking = row);
  }

  private async moves(): Promise<WorkMove[]> {
    await this.whole();
    this.snapshot.moves ??= parseReply(
      z.array(WorkMoveRow),
      await this.odoo.call('stock.move', 'search_read', [[['picking_id', '=', this.pickingId]]], { fields: [...MOVE_FIELDS], order: 'id asc' }),
      'move read',
    );
    return this.snapshot.moves;
  }

  private async partner(): Promise<PickingSnapshot['partner']> {
    const picking = await this.picking();
    if (this.snapshot.partner !== undefined) return this.snapshot.partner;
    const id = m2oId(picking.partner_id);
    const rows = id === null ? [] : parseReply(z.array(PartnerRow), await this.odoo.call('res.partner', 'read', [[id]], { fields: [...PARTNER_FACT_FIELDS] }), 'partner read');
    return (this.snapshot.partner = rows[0] ?? null);
  }

  private async lines(): Promise<MoveLineRecord[]> {
    await this.whole();
    if (this.snapshot.lines === undefined && this.pending !== null) {
      await this.confirmPending(await this.readLines());
      return this.snapshot.lines ?? [];
    }
    this.snapshot.lines ??= await this.readLines();
    return this.snapshot.lines;
  }

  private async readLines(): Promise<MoveLineRecord[]> {
    return parseReply(
      z.array(MoveLineRecordSchema),
      await this.odoo.call('stock.move.line', 'search_read', [[['picking_id', '=', this.pickingId]]], { fields: this.lineFields(), order: 'id asc' }),
      'move line read',
    );
  }
}
