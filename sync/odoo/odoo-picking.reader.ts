import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import { PickingSchema } from '../../app/domain/picking.schema';
import type { Address } from '../../app/domain/address.schema';
import type { PackageType, Picking, PickingLine, ReservedLot, StockLot } from '../../app/domain/picking.schema';
import { asTracking, reservedLotsByMove } from './move-line-lots';
import { quantityFields } from './move-line.planner';
import type { OdooExec } from './odoo-exec';
import { readPackageTypes } from './package-types.reader';
import { lotStockQueries, readLotsInStock } from './odoo-lot-stock.reader';
import { dialectOf } from './odoo-version.dialect';
import {
  CodeRecordSchema,
  LotLineRecordSchema,
  MoveRecordSchema,
  PartnerRecordSchema,
  PickingRecordSchema,
  ProductRecordSchema,
  idList,
  m2oId,
  many2one,
  text,
} from './odoo-records.schema';
import type { PartnerRecord } from './odoo-records.schema';

type PickingRecord = z.infer<typeof PickingRecordSchema>;
type ProductRecord = z.infer<typeof ProductRecordSchema>;

const OPEN_STATES = ['assigned', 'confirmed'];
export const PICKING_FIELDS = ['name', 'state', 'origin', 'partner_id', 'picking_type_id', 'carrier_id', 'priority', 'scheduled_date', 'date_deadline', 'location_id'];

/** Parses what Odoo sent; a shape we do not expect is INVALID_REPLY (retry a few times, then dead-letter). */
export function parseReply<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StationError('INVALID_REPLY', `odoo ${what}: unexpected reply (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

/** What a batch load gives: the pickings the station can pack, and why the others cannot be packed here. */
export interface LoadedPickings {
  pickings: Picking[];
  refused: { id: number; error: StationError }[];
}

/** Pickings per batch: each batch is a fixed handful of calls whatever its size, and no reply grows without bound. */
const BATCH = 200;

const PickedMoveRecordSchema = MoveRecordSchema.extend({ picking_id: many2one });
type PickedMoveRecord = z.infer<typeof PickedMoveRecordSchema>;

/**
 * Loads open deliveries as the packing core needs them. A scan is matched against the picking `name` first (the
 * barcode printed on Odoo's picking slip is the name), then against `origin` (a sale order number such as S00042)
 * among outgoing pickings; package barcodes are not looked up. Tracked products carry the lots/serials Odoo reserved.
 * One picking and five hundred cost the same handful of calls per batch: moves, products, partners, states, countries
 * are each read once for the whole batch.
 */
export class OdooPickingReader {
  constructor(private readonly odoo: OdooExec) {}

  async find(scan: string): Promise<Picking | null> {
    const code = scan.trim();
    if (code === '') return null;
    const open: unknown[] = ['state', 'in', OPEN_STATES];
    let ids = parseReply(idList, await this.odoo.call('stock.picking', 'search', [[['name', '=', code], open]], { limit: 1 }), 'picking search');
    if (ids.length === 0) {
      const byOrigin = [['origin', '=', code], ['picking_type_code', '=', 'outgoing'], open];
      ids = parseReply(idList, await this.odoo.call('stock.picking', 'search', [byOrigin], { limit: 1, order: 'id asc' }), 'picking search');
    }
    const id = ids[0];
    return id === undefined ? null : this.load(id);
  }

  async load(id: number): Promise<Picking> {
    const { pickings, refused } = await this.loadMany([id]);
    if (refused[0]) throw refused[0].error;
    const [picking] = pickings;
    if (!picking) throw new StationError('NOT_FOUND', `odoo stock.picking ${id} does not exist`);
    return picking;
  }

  /** Pickings that no longer exist are left out; one that cannot be packed here is `refused`, the others still load. */
  async loadMany(ids: readonly number[]): Promise<LoadedPickings> {
    const unique = [...new Set(ids)];
    const out: LoadedPickings = { pickings: [], refused: [] };
    if (unique.length === 0) return out;
    const packageTypes = await readPackageTypes(this.odoo);
    for (let i = 0; i < unique.length; i += BATCH) {
      const batch = await this.loadBatch(unique.slice(i, i + BATCH), packageTypes);
      out.pickings.push(...batch.pickings);
      out.refused.push(...batch.refused);
    }
    return out;
  }

  private async loadBatch(ids: number[], packageTypes: PackageType[]): Promise<LoadedPickings> {
    // search_read, not read: a picking deleted meanwhile is simply absent instead of failing the whole batch.
    const records = parseReply(
      z.array(PickingRecordSchema),
      await this.odoo.call('stock.picking', 'search_read', [[['id', 'in', ids]]], { fields: PICKING_FIELDS, order: 'id asc' }),
      'picking read',
    );
    const moves = parseReply(
      z.array(PickedMoveRecordSchema),
      await this.odoo.call('stock.move', 'search_read', [[['picking_id', 'in', ids], ['state', '!=', 'cancel']]], {
        fields: ['picking_id', 'product_id', 'product_uom_qty', 'product_uom', 'state'],
        order: 'id asc',
      }),
      'move read',
    );
    const products = parseReply(
      z.array(ProductRecordSchema),
      await this.read('product.product', distinct(moves.map((m) => m2oId(m.product_id))), ['display_name', 'barcode', 'default_code', 'weight', 'tracking']),
      'product read',
    );
    const productById = new Map(products.map((p) => [p.id, p]));
    const tracked = distinct(moves.filter((m) => asTracking(productById.get(m2oId(m.product_id) ?? -1)?.tracking) !== 'none').map((m) => m2oId(m.picking_id)));
    const lotsByMove = await this.reservedLots(tracked);
    const inStock = await readLotsInStock(this.odoo, lotStockQueries(records, moves, (id) => asTracking(productById.get(id)?.tracking) !== 'none'));
    const warehouses = await this.warehousePartners(distinct(records.map((p) => m2oId(p.picking_type_id))));
    const addresses = await this.addresses(distinct([...records.map((p) => m2oId(p.partner_id)), ...warehouses.values()]));

    const out: LoadedPickings = { pickings: [], refused: [] };
    for (const picking of records) {
      try {
        const lines = moves.filter((m) => m2oId(m.picking_id) === picking.id).flatMap((m) => toLine(m, productById, lotsByMove));
        out.pickings.push(toPicking(picking, lines, addresses, warehouses, packageTypes, inStock.get(picking.id)));
      } catch (error) {
        if (!(error instanceof StationError)) throw error;
        out.refused.push({ id: picking.id, error });
      }
    }
    return out;
  }

  /** The lots/serials Odoo reserved on the pickings' move lines (`lot_id` or `lot_name`), per move. */
  private async reservedLots(pickingIds: number[]): Promise<Map<number, ReservedLot[]>> {
    if (pickingIds.length === 0) return new Map();
    const f = quantityFields(this.odoo.major);
    const fields = ['move_id', 'lot_id', 'lot_name', f.reserved ?? f.done];
    const lines = parseReply(
      z.array(LotLineRecordSchema),
      await this.odoo.call('stock.move.line', 'search_read', [[['picking_id', 'in', pickingIds]]], { fields, order: 'id asc' }),
      'move line read',
    );
    return reservedLotsByMove(lines, f);
  }

  private read(model: string, ids: number[], fields: string[]): Promise<unknown> {
    return ids.length === 0 ? Promise.resolve([]) : this.odoo.call(model, 'read', [ids], { fields });
  }

  /** The partner (ship-from address) of each picking type's warehouse, by picking type id. */
  private async warehousePartners(pickingTypeIds: number[]): Promise<Map<number, number>> {
    const types = parseReply(
      z.array(z.object({ id: z.number(), warehouse_id: many2one, company_id: many2one })),
      await this.read('stock.picking.type', pickingTypeIds, ['warehouse_id', 'company_id']),
      'picking type read',
    );
    const warehouses = parseReply(
      z.array(z.object({ id: z.number(), partner_id: many2one })),
      await this.read('stock.warehouse', distinct(types.map((t) => m2oId(t.warehouse_id))), ['partner_id']),
      'warehouse read',
    );
    const partnerOf = new Map(warehouses.map((w) => [w.id, m2oId(w.partner_id)]));
    const out = new Map<number, number>();
    for (const t of types) {
      const partnerId = partnerOf.get(m2oId(t.warehouse_id) ?? -1);
      if (partnerId != null) out.set(t.id, partnerId);
    }
    return out;
  }

  private async addresses(partnerIds: number[]): Promise<Map<number, Address>> {
    const partners = parseReply(z.array(PartnerRecordSchema), await this.read('res.partner', partnerIds, [...dialectOf(this.odoo.major).partnerFields]), 'partner read');
    // many2one display names ("California (US)") are not codes: read the codes themselves.
    const states = await this.codes('res.country.state', distinct(partners.map((p) => m2oId(p.state_id))));
    const countries = await this.codes('res.country', distinct(partners.map((p) => m2oId(p.country_id))));
    const code = (codes: Map<number, string | undefined>, id: number | null) => (id === null ? undefined : codes.get(id));
    return new Map(partners.map((p) => [p.id, toAddress(p, code(states, m2oId(p.state_id)), code(countries, m2oId(p.country_id)))]));
  }

  private async codes(model: string, ids: number[]): Promise<Map<number, string | undefined>> {
    const rows = parseReply(z.array(CodeRecordSchema), await this.read(model, ids, ['code']), `${model} read`);
    return new Map(rows.map((row) => [row.id, text(row.code)]));
  }
}

const distinct = (ids: readonly (number | null)[]): number[] => [...new Set(ids.filter((id): id is number => id !== null))];

function toLine(m: PickedMoveRecord, productById: ReadonlyMap<number, ProductRecord>, lotsByMove: ReadonlyMap<number, ReservedLot[]>): PickingLine[] {
  if (m.product_uom_qty <= 0) return [];
  const productId = m2oId(m.product_id);
  const product = productById.get(productId ?? -1);
  const tracking = asTracking(product?.tracking);
  return [
    {
      moveId: m.id,
      productId: productId ?? 0,
      productName: product?.display_name ?? (m.product_id === false ? '' : m.product_id[1]),
      defaultCode: product ? (text(product.default_code) ?? null) : null,
      barcode: product ? (text(product.barcode) ?? null) : null,
      quantity: m.product_uom_qty,
      uom: m.product_uom === false ? 'Units' : m.product_uom[1],
      // product.weight is in kg (the default weight UoM); the station works in grams.
      unitWeightG: product ? Math.round(product.weight * 1000 * 1000) / 1000 : 0,
      tracking,
      lots: tracking === 'none' ? [] : (lotsByMove.get(m.id) ?? []),
    },
  ];
}

/** Odoo writes datetimes as naive UTC strings. */
const odooUtcToMs = (value: string): number | null => {
  const ms = Date.parse(`${value.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? ms : null;
};

/**
 * `date_deadline` is a stored datetime (UTC; the earliest of its moves' deadlines, from the order's commitment date)
 * while a rate policy compares days: its UTC date, which near midnight may be a day off the warehouse's local date.
 */
const deadlineOf = (value: string | false | undefined): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);

function toPicking(
  picking: PickingRecord,
  lines: PickingLine[],
  addresses: ReadonlyMap<number, Address>,
  warehousePartners: ReadonlyMap<number, number>,
  packageTypes: PackageType[],
  availableLots: StockLot[] | undefined,
): Picking {
  const partnerId = m2oId(picking.partner_id);
  if (partnerId === null) throw new StationError('REJECTED', `${picking.name} has no delivery address`);
  const partner = addresses.get(partnerId);
  if (!partner) throw new StationError('NOT_FOUND', `odoo res.partner ${partnerId} does not exist`);
  const warehouse = addresses.get(warehousePartners.get(m2oId(picking.picking_type_id) ?? -1) ?? -1);
  if (!warehouse) throw new StationError('REJECTED', 'the warehouse of this picking has no address');
  const candidate = {
    id: picking.id,
    name: picking.name,
    state: picking.state,
    origin: text(picking.origin) ?? null,
    partner,
    partnerId,
    warehouse,
    carrier: picking.carrier_id === false ? null : { id: picking.carrier_id[0], name: picking.carrier_id[1] },
    lines,
    packageTypes,
    defaultPackageTypeId: packageTypes[0]?.id ?? null,
    urgent: picking.priority === '1',
    scheduledAt: typeof picking.scheduled_date === 'string' ? odooUtcToMs(picking.scheduled_date) : null,
    deadline: deadlineOf(picking.date_deadline),
    ...(availableLots ? { availableLots } : {}),
  };
  const parsed = PickingSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StationError('REJECTED', `${picking.name} cannot be packed here: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}

export function toAddress(p: PartnerRecord, state: string | undefined, country: string | undefined): Address {
  const company = p.parent_id !== false ? p.parent_id[1] : p.is_company ? text(p.name) : undefined;
  const address: Address = {
    name: text(p.name) ?? company ?? '',
    street1: text(p.street) ?? '',
    city: text(p.city) ?? '',
    zip: text(p.zip) ?? '',
    country: country?.toUpperCase() ?? '',
  };
  if (company !== undefined && company !== address.name) address.company = company;
  const optional = { street2: text(p.street2), state, phone: text(p.phone) ?? (p.mobile ? text(p.mobile) : undefined), email: text(p.email) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(address, { [key]: value });
  return address;
}
