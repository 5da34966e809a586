import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { Parcel } from '../../app/domain/parcel.schema';
import type { Picking } from '../../app/domain/picking.schema';
import type { FactNeeds, PickingFacts } from '../../app/domain/picking-basis.schema';
import type { KnownFacts, OdooGateway, OdooPickingFeed, OdooVersion, PickingClaims, PickingFactsSource, PickingRef, ReadyPickingsQuery, RemoteCallObserver, RequestLimiter } from '../../app/ports';
import { OdooJson2 } from './json2.client';
import { OdooJsonRpc } from './jsonrpc.client';
import { dialectOf } from './odoo-version.dialect';
import type { OdooExec } from './odoo-exec';
import { OdooPickingReader, parseReply } from './odoo-picking.reader';
import { MoveLineRecordSchema, PackageRecordSchema, VersionInfoSchema, WindowActionSchema, charOrFalse, createdId, idList, m2oId, many2one } from './odoo-records.schema';
import type { MoveLineRecord } from './odoo-records.schema';
import { doneQty, packedByMove, planParcelLines, quantityFields, sameQuantities, sumByMove } from './move-line.planner';
import { readLotPlan } from './odoo-lots.reader';
import { readPickingState, validatePicking } from './odoo-validate.flow';
import { pickingRefs, readyPickingRefs } from './odoo-ready-pickings.query';
import { OdooClaims } from './picking-claim';
import { readPickingFacts, trackingRefsOf } from './picking-facts.reader';

export interface OdooGatewayOptions {
  url: string;
  db: string;
  login: string;
  apiKey: string;
  timeoutMs?: number;
  /** Told the duration and outcome of every request (metrics, per-call logs). */
  observer?: RemoteCallObserver;
  /** The request-rate limit of this Odoo (`sync.odoo.rps`); none = as fast as Odoo answers. */
  limiter?: RequestLimiter;
}

interface Session extends OdooExec {
  version: OdooVersion;
  /** The API user's id (`authenticate` on 16–18, `context_get` on 19). */
  uid: number;
}

const LINE_BASE_FIELDS = ['move_id', 'product_id', 'product_uom_id', 'location_id', 'location_dest_id', 'result_package_id', 'lot_id', 'lot_name'];

/**
 * The station's Odoo: the external JSON-RPC API on 16, 17 and 18, JSON-2 on 19+ (chosen by `common.version`, which
 * both answer). Authenticates on first use and adapts to the server's major version (odoo-version.dialect.ts). Every write is idempotent so the sync engine may retry after any lost reply:
 * - putInPack: the packages holding this picking's move lines, in creation order, are its parcels 1..n (the outbox
 *   delivers a picking's events in order). If package #index exists and holds exactly the parcel's quantities, it is
 *   the parcel: its weight and type are completed and nothing is packed again; if it holds something else, a human
 *   packed in Odoo meanwhile and the parcel is REJECTED. Lots and serials of the parcel go on the move lines of that
 *   lot (`lot_id`), else on a new line with the existing `stock.lot` of that name, else with its `lot_name`.
 * - addTrackingRef / attachLabel: read first, write only what is missing.
 * - validate: a done picking is left alone.
 */
export class OdooJsonRpcGateway implements OdooGateway, OdooPickingFeed, PickingFactsSource {
  private readonly rpc: OdooJsonRpc;
  private session: Promise<Session> | null = null;

  constructor(private readonly opts: OdooGatewayOptions) {
    this.rpc = new OdooJsonRpc({ url: opts.url, observer: opts.observer, limiter: opts.limiter, ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}) });
  }

  async version(): Promise<OdooVersion> {
    return (await this.connect()).version;
  }

  async probe(): Promise<void> {
    await this.rpc.call('common', 'version', []);
  }

  async findPicking(scan: string): Promise<Picking | null> {
    return new OdooPickingReader(await this.connect()).find(scan);
  }

  async readyPickings(query: ReadyPickingsQuery): Promise<PickingRef[]> {
    return readyPickingRefs(await this.connect(), query);
  }

  async pickingStates(ids: readonly number[], since: string | null): Promise<PickingRef[]> {
    return pickingRefs(await this.connect(), ids, since);
  }

  async loadPickings(ids: readonly number[]): Promise<{ pickings: Picking[]; refused: { id: number; reason: string }[] }> {
    const { pickings, refused } = await new OdooPickingReader(await this.connect()).loadMany(ids);
    return { pickings, refused: refused.map((r) => ({ id: r.id, reason: r.error.message })) };
  }

  async pickingFacts(pickingId: number, needs: FactNeeds): Promise<PickingFacts> {
    return readPickingFacts(await this.connect(), pickingId, needs);
  }

  /** This station's claims on pickings (picking-claim.ts); `now` is compared with Odoo's write_date of a claim. */
  claimsFor(stationId: string, ttlMs: number, now: () => number): PickingClaims {
    const claims = new OdooClaims(() => this.connect());
    return {
      claim: (pickingId) => claims.claim(pickingId, stationId, ttlMs, now()),
      release: (pickingId, feedback) => claims.release(pickingId, stationId, feedback),
    };
  }

  async putInPack(parcel: Parcel, known?: KnownFacts): Promise<{ packageId: number | null }> {
    const odoo = await this.connect();
    const f = quantityFields(odoo.major);
    const wanted = sumByMove(parcel.items);
    const before = await this.moveLines(odoo, parcel.pickingId);
    const packages = packageIds(before);

    if (packages.length >= parcel.index) {
      const packageId = packages[parcel.index - 1] as number;
      if (!sameQuantities(wanted, packedByMove(before, packageId, f))) {
        throw new StationError('REJECTED', `parcel ${parcel.index} of picking ${parcel.pickingId}: package ${packageId} in Odoo holds other items`);
      }
      await this.completePackage(odoo, packageId, parcel);
      return { packageId };
    }
    if (packages.length < parcel.index - 1) {
      throw new StationError('REJECTED', `parcel ${parcel.index} of picking ${parcel.pickingId} arrived before parcel ${packages.length + 1}`);
    }
    const state = known?.state ?? (await readPickingState(odoo, parcel.pickingId));
    if (state === 'done' || state === 'cancel') throw new StationError('REJECTED', `picking ${parcel.pickingId} is ${state}: it cannot be packed`);

    const templates = await this.lineTemplates(odoo, parcel.pickingId, before);
    const foreign = [...wanted.keys()].filter((moveId) => !templates.has(moveId));
    if (foreign.length > 0) throw new StationError('REJECTED', `parcel ${parcel.index}: move(s) ${foreign.join(', ')} are not part of picking ${parcel.pickingId}`);
    const open = before.filter((l) => l.result_package_id === false);
    const ops = planParcelLines(odoo.major, open, parcel.items, templates, await readLotPlan(odoo, parcel.items, open));
    for (const op of ops) {
      if (op.kind === 'write') await odoo.call('stock.move.line', 'write', [op.ids, op.values]);
      else parseReply(createdId, await odoo.call('stock.move.line', 'create', [op.values]), 'move line create');
    }

    const wizard = dialectOf(odoo.major).putInPackWizard;
    const result = await odoo.call('stock.picking', 'action_put_in_pack', [[parcel.pickingId]]);
    const action = WindowActionSchema.safeParse(result);
    // Odoo's package dialog writes the weight and the box type it is given onto the new package.
    let dialogSetAll = false;
    if (action.success) {
      if (action.data.res_model !== wizard.model) throw new StationError('REJECTED', `put in pack opened an unexpected ${action.data.res_model} dialog`);
      const context = { ...(action.data.context ?? {}) };
      const values = wizard.values(parcel.pickingId, parcel.weightG / 1000, parcel.packageTypeId, context);
      const wizardId = parseReply(createdId, await odoo.call(wizard.model, 'create', [values], { context }), 'package wizard create');
      // 16 answers with no `result` key, 17/18 with "stock.quant.package(7,)", 19 with the package's ids: none is worth reading.
      await odoo.call(wizard.model, 'action_put_in_pack', [[wizardId]], { context });
      // Both dialects give the box type whenever the parcel has one; the weight only where the dialog has the field.
      dialogSetAll = 'shipping_weight' in values;
    }

    const after = await this.moveLines(odoo, parcel.pickingId);
    const created = packageIds(after).filter((id) => !packages.includes(id));
    const packageId = created[created.length - 1];
    if (packageId === undefined) throw new StationError('REJECTED', `Odoo created no package for parcel ${parcel.index} of picking ${parcel.pickingId}`);
    // Without the dialog (or without its weight fields) the package lacks them: read it and complete it.
    if (!dialogSetAll) await this.completePackage(odoo, packageId, parcel);
    return { packageId };
  }

  async addTrackingRef(pickingId: number, trackingCode: string, known?: KnownFacts): Promise<void> {
    const odoo = await this.connect();
    const code = trackingCode.trim();
    const refs = known?.trackingRefs ?? (await this.trackingRefs(odoo, pickingId));
    if (refs.includes(code)) return;
    await odoo.call('stock.picking', 'write', [[pickingId], { carrier_tracking_ref: [...refs, code].join(',') }]);
  }

  private async trackingRefs(odoo: Session, pickingId: number): Promise<string[]> {
    const [row] = parseReply(
      z.array(z.object({ id: z.number(), carrier_tracking_ref: charOrFalse })),
      await odoo.call('stock.picking', 'read', [[pickingId]], { fields: ['carrier_tracking_ref'] }),
      'picking read',
    );
    if (!row) throw new StationError('NOT_FOUND', `odoo stock.picking ${pickingId} does not exist`);
    return trackingRefsOf(row.carrier_tracking_ref);
  }

  async attachLabel(pickingId: number, name: string, zpl: string): Promise<{ attachmentId: number }> {
    const odoo = await this.connect();
    const domain = [['res_model', '=', 'stock.picking'], ['res_id', '=', pickingId], ['name', '=', name]];
    const [existing] = parseReply(idList, await odoo.call('ir.attachment', 'search', [domain], { limit: 1, order: 'id asc' }), 'attachment search');
    if (existing !== undefined) return { attachmentId: existing };
    const values = {
      name,
      type: 'binary',
      res_model: 'stock.picking',
      res_id: pickingId,
      datas: Buffer.from(zpl, 'utf8').toString('base64'),
      // text/plain keeps the raw ZPL readable from Odoo's chatter and re-printable as is.
      mimetype: 'text/plain',
    };
    return { attachmentId: parseReply(createdId, await odoo.call('ir.attachment', 'create', [values]), 'attachment create') };
  }

  async validate(pickingId: number, known?: KnownFacts): Promise<void> {
    const odoo = await this.connect();
    await validatePicking(odoo, pickingId, async () => this.everythingPacked(odoo, pickingId), known?.state);
  }

  private async everythingPacked(odoo: Session, pickingId: number): Promise<boolean> {
    const f = quantityFields(odoo.major);
    const moves = parseReply(
      z.array(z.object({ id: z.number(), product_uom_qty: z.number() })),
      await odoo.call('stock.move', 'search_read', [[['picking_id', '=', pickingId], ['state', 'not in', ['cancel', 'done']]]], { fields: ['product_uom_qty'] }),
      'move read',
    );
    const packed = new Map<number, number>();
    for (const line of await this.moveLines(odoo, pickingId)) {
      const moveId = m2oId(line.move_id);
      if (line.result_package_id !== false && moveId !== null) packed.set(moveId, (packed.get(moveId) ?? 0) + doneQty(line, f));
    }
    return moves.every((m) => (packed.get(m.id) ?? 0) >= m.product_uom_qty - 1e-6);
  }

  private async moveLines(odoo: Session, pickingId: number): Promise<MoveLineRecord[]> {
    const f = quantityFields(odoo.major);
    const fields = [...LINE_BASE_FIELDS, f.done, ...(f.reserved ? [f.reserved] : []), ...(f.usesPicked ? ['picked'] : [])];
    return parseReply(
      z.array(MoveLineRecordSchema),
      await odoo.call('stock.move.line', 'search_read', [[['picking_id', '=', pickingId]]], { fields, order: 'id asc' }),
      'move line read',
    );
  }

  /** What a new move line of each move needs; taken from the move itself so moves without lines work too. */
  private async lineTemplates(odoo: Session, pickingId: number, lines: MoveLineRecord[]): Promise<Map<number, Record<string, unknown>>> {
    const moves = parseReply(
      z.array(z.object({ id: z.number(), product_id: many2one, product_uom: many2one, location_id: many2one, location_dest_id: many2one })),
      await odoo.call('stock.move', 'search_read', [[['picking_id', '=', pickingId]]], { fields: ['product_id', 'product_uom', 'location_id', 'location_dest_id'] }),
      'move read',
    );
    const out = new Map<number, Record<string, unknown>>();
    for (const m of moves) {
      const sibling = lines.find((l) => m2oId(l.move_id) === m.id);
      out.set(m.id, {
        move_id: m.id,
        picking_id: pickingId,
        product_id: m2oId(m.product_id),
        product_uom_id: m2oId(m.product_uom),
        location_id: m2oId(sibling?.location_id ?? m.location_id),
        location_dest_id: m2oId(sibling?.location_dest_id ?? m.location_dest_id),
      });
    }
    return out;
  }

  /** The wizard writes weight and type only when it had them; a resumed parcel may also miss them. */
  private async completePackage(odoo: Session, packageId: number, parcel: Parcel): Promise<void> {
    const model = dialectOf(odoo.major).packageModel;
    const [pkg] = parseReply(
      z.array(PackageRecordSchema),
      await odoo.call(model, 'read', [[packageId]], { fields: ['name', 'shipping_weight', 'package_type_id'] }),
      'package read',
    );
    if (!pkg) throw new StationError('NOT_FOUND', `odoo ${model} ${packageId} does not exist`);
    const kg = parcel.weightG / 1000;
    const values: Record<string, unknown> = {};
    if (Math.abs(pkg.shipping_weight - kg) > 1e-6) values.shipping_weight = kg;
    if (parcel.packageTypeId !== null && m2oId(pkg.package_type_id) !== parcel.packageTypeId) values.package_type_id = parcel.packageTypeId;
    if (Object.keys(values).length > 0) await odoo.call(model, 'write', [[packageId], values]);
  }

  private connect(): Promise<Session> {
    if (!this.session) {
      this.session = this.open();
      // A failed login must not stick: the next call tries again.
      this.session.catch(() => {
        this.session = null;
      });
    }
    return this.session;
  }

  private async open(): Promise<Session> {
    const info = parseReply(VersionInfoSchema, await this.rpc.call('common', 'version', []), 'common.version');
    const version = { serverVersion: info.server_version, major: majorOf(info.server_version_info[0]) };
    const { db, login, apiKey } = this.opts;
    // 19 still answers `common.version` on /jsonrpc, but the object calls go to JSON-2, where the API key is the login.
    if (dialectOf(version.major).transport === 'json2') {
      const json2 = new OdooJson2({ url: this.opts.url, db, apiKey, major: version.major, observer: this.opts.observer, limiter: this.opts.limiter, ...(this.opts.timeoutMs !== undefined ? { timeoutMs: this.opts.timeoutMs } : {}) });
      // No login on JSON-2: one cheap call proves the key now (401 → AUTH), as `authenticate` does on 16–18.
      const { uid } = parseReply(z.object({ uid: z.number().int().positive() }), await json2.call('res.users', 'context_get', []), 'res.users.context_get');
      return { version, major: version.major, uid, call: (model, method, args, kwargs) => json2.call(model, method, args, kwargs) };
    }
    const uid = await this.rpc.call('common', 'authenticate', [db, login, apiKey, {}]);
    if (uid === false || uid === null) throw new StationError('AUTH', `odoo: login "${login}" on database "${db}" was refused`);
    const userId = parseReply(z.number().int().positive(), uid, 'common.authenticate');
    const rpc = this.rpc;
    return {
      version,
      major: version.major,
      uid: userId,
      call: (model, method, args, kwargs = {}) => rpc.call('object', 'execute_kw', [db, userId, apiKey, model, method, args, kwargs]),
    };
  }
}

function majorOf(first: number | string | undefined): number {
  if (typeof first === 'number') return first;
  const match = /(\d+)/.exec(first ?? '');
  if (!match) throw new StationError('INVALID_REPLY', `odoo common.version: cannot read a major version from "${String(first)}"`);
  return Number(match[1]);
}

/** Distinct destination packages of a picking's lines, oldest first (ids grow with creation). */
function packageIds(lines: readonly MoveLineRecord[]): number[] {
  return [...new Set(lines.map((l) => m2oId(l.result_package_id)).filter((id): id is number => id !== null))].sort((a, b) => a - b);
}
