import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import { PickingSchema } from '../../app/domain/picking.schema';
import type { Address } from '../../app/domain/address.schema';
import type { PackageType, Picking, PickingLine, ReservedLot } from '../../app/domain/picking.schema';
import { asTracking, reservedLotsByMove } from './move-line-lots';
import { quantityFields } from './move-line.planner';
import type { OdooExec } from './odoo-exec';
import {
  CodeRecordSchema,
  LotLineRecordSchema,
  MoveRecordSchema,
  PackageTypeRecordSchema,
  PartnerRecordSchema,
  PickingRecordSchema,
  ProductRecordSchema,
  idList,
  m2oId,
  many2one,
  text,
} from './odoo-records.schema';
import type { PartnerRecord } from './odoo-records.schema';

const OPEN_STATES = ['assigned', 'confirmed'];
export const PICKING_FIELDS = ['name', 'state', 'origin', 'partner_id', 'picking_type_id', 'carrier_id'];
const PARTNER_FIELDS = ['name', 'parent_id', 'is_company', 'street', 'street2', 'city', 'zip', 'state_id', 'country_id', 'phone', 'mobile', 'email'];

/** Parses what Odoo sent; a shape we do not expect is INVALID_REPLY (retry a few times, then dead-letter). */
export function parseReply<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StationError('INVALID_REPLY', `odoo ${what}: unexpected reply (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

/**
 * Loads an open delivery as the packing core needs it. A scan is matched against the picking `name` first (the
 * barcode printed on Odoo's picking slip is the name), then against `origin` (a sale order number such as S00042)
 * among outgoing pickings; package barcodes are not looked up. Tracked products carry the lots/serials Odoo reserved.
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
    const [picking] = parseReply(z.array(PickingRecordSchema), await this.read('stock.picking', [id], PICKING_FIELDS), 'picking read');
    if (!picking) throw new StationError('NOT_FOUND', `odoo stock.picking ${id} does not exist`);
    const moves = parseReply(
      z.array(MoveRecordSchema),
      await this.odoo.call('stock.move', 'search_read', [[['picking_id', '=', id], ['state', '!=', 'cancel']]], {
        fields: ['product_id', 'product_uom_qty', 'product_uom', 'state'],
        order: 'id asc',
      }),
      'move read',
    );
    const productIds = [...new Set(moves.map((m) => m2oId(m.product_id)).filter((p): p is number => p !== null))];
    const products = parseReply(
      z.array(ProductRecordSchema),
      await this.read('product.product', productIds, ['display_name', 'barcode', 'default_code', 'weight', 'tracking']),
      'product read',
    );
    const productById = new Map(products.map((p) => [p.id, p]));
    const trackingOf = (productId: number | null) => asTracking(productById.get(productId ?? -1)?.tracking);
    const tracked = moves.some((m) => trackingOf(m2oId(m.product_id)) !== 'none');
    const lotsByMove = tracked ? await this.reservedLots(id) : new Map<number, ReservedLot[]>();
    const lines: PickingLine[] = moves
      .filter((m) => m.product_uom_qty > 0)
      .map((m) => {
        const product = productById.get(m2oId(m.product_id) ?? -1);
        const tracking = trackingOf(m2oId(m.product_id));
        return {
          moveId: m.id,
          productId: m2oId(m.product_id) ?? 0,
          productName: product?.display_name ?? (m.product_id === false ? '' : m.product_id[1]),
          defaultCode: product ? (text(product.default_code) ?? null) : null,
          barcode: product ? (text(product.barcode) ?? null) : null,
          quantity: m.product_uom_qty,
          uom: m.product_uom === false ? 'Units' : m.product_uom[1],
          // product.weight is in kg (the default weight UoM); the station works in grams.
          unitWeightG: product ? Math.round(product.weight * 1000 * 1000) / 1000 : 0,
          tracking,
          lots: tracking === 'none' ? [] : (lotsByMove.get(m.id) ?? []),
        };
      });

    const partnerId = m2oId(picking.partner_id);
    if (partnerId === null) throw new StationError('REJECTED', `${picking.name} has no delivery address`);
    const packageTypes = await this.packageTypes();
    const candidate = {
      id: picking.id,
      name: picking.name,
      state: picking.state,
      origin: text(picking.origin) ?? null,
      partner: await this.address(partnerId),
      warehouse: await this.warehouseAddress(m2oId(picking.picking_type_id)),
      carrier: picking.carrier_id === false ? null : { id: picking.carrier_id[0], name: picking.carrier_id[1] },
      lines,
      packageTypes,
      defaultPackageTypeId: packageTypes[0]?.id ?? null,
    };
    const parsed = PickingSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StationError('REJECTED', `${picking.name} cannot be packed here: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    return parsed.data;
  }

  /** The lots/serials Odoo reserved on the picking's move lines (`lot_id` or `lot_name`), per move. */
  private async reservedLots(pickingId: number): Promise<Map<number, ReservedLot[]>> {
    const f = quantityFields(this.odoo.major);
    const fields = ['move_id', 'lot_id', 'lot_name', f.reserved ?? f.done];
    const lines = parseReply(
      z.array(LotLineRecordSchema),
      await this.odoo.call('stock.move.line', 'search_read', [[['picking_id', '=', pickingId]]], { fields, order: 'id asc' }),
      'move line read',
    );
    return reservedLotsByMove(lines, f);
  }

  private read(model: string, ids: number[], fields: string[]): Promise<unknown> {
    return ids.length === 0 ? Promise.resolve([]) : this.odoo.call(model, 'read', [ids], { fields });
  }

  private async packageTypes(): Promise<PackageType[]> {
    const fields = ['name', 'barcode', 'base_weight', 'packaging_length', 'width', 'height', 'max_weight'];
    const rows = parseReply(
      z.array(PackageTypeRecordSchema),
      await this.odoo.call('stock.package.type', 'search_read', [[]], { fields, order: 'sequence, id' }),
      'package type read',
    );
    return rows.map((t) => ({
      id: t.id,
      name: t.name,
      barcode: text(t.barcode) ?? null,
      tareG: Math.round(t.base_weight * 1000),
      lengthMm: t.packaging_length,
      widthMm: t.width,
      heightMm: t.height,
      maxWeightG: t.max_weight > 0 ? Math.round(t.max_weight * 1000) : null,
    }));
  }

  private async warehouseAddress(pickingTypeId: number | null): Promise<Address> {
    const [type] = parseReply(
      z.array(z.object({ id: z.number(), warehouse_id: many2one, company_id: many2one })),
      pickingTypeId === null ? [] : await this.read('stock.picking.type', [pickingTypeId], ['warehouse_id', 'company_id']),
      'picking type read',
    );
    const warehouseId = type ? m2oId(type.warehouse_id) : null;
    const [warehouse] = parseReply(
      z.array(z.object({ id: z.number(), partner_id: many2one })),
      warehouseId === null ? [] : await this.read('stock.warehouse', [warehouseId], ['partner_id']),
      'warehouse read',
    );
    const partnerId = warehouse ? m2oId(warehouse.partner_id) : null;
    if (partnerId === null) throw new StationError('REJECTED', 'the warehouse of this picking has no address');
    return this.address(partnerId);
  }

  private async address(partnerId: number): Promise<Address> {
    const [p] = parseReply(z.array(PartnerRecordSchema), await this.read('res.partner', [partnerId], PARTNER_FIELDS), 'partner read');
    if (!p) throw new StationError('NOT_FOUND', `odoo res.partner ${partnerId} does not exist`);
    // many2one display names ("California (US)") are not codes: read the codes themselves.
    const stateCode = await this.code('res.country.state', m2oId(p.state_id));
    const countryCode = await this.code('res.country', m2oId(p.country_id));
    return toAddress(p, stateCode, countryCode);
  }

  private async code(model: string, id: number | null): Promise<string | undefined> {
    if (id === null) return undefined;
    const [row] = parseReply(z.array(CodeRecordSchema), await this.read(model, [id], ['code']), `${model} read`);
    return row ? text(row.code) : undefined;
  }
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
