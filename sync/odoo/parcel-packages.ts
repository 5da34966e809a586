import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { Parcel } from '../../app/domain/parcel.schema';
import { dialectOf } from './odoo-version.dialect';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { PackageRecordSchema, m2oId } from './odoo-records.schema';
import type { MoveLineRecord } from './odoo-records.schema';
import { quantityFields } from './move-line.planner';
import type { WorkMove } from './picking-snapshot.reader';

/** A picking's parcels in Odoo: the move lines a package is made of, and the package itself. */

const LINE_BASE_FIELDS = ['move_id', 'product_id', 'product_uom_id', 'location_id', 'location_dest_id', 'result_package_id', 'lot_id', 'lot_name'];

export interface PendingParcel {
  parcel: Parcel;
  /** The picking's packages before it. */
  before: number[];
  /** Odoo's dialog wrote its weight and type. */
  dialogSetAll: boolean;
}

/** The move-line fields the writes read on this major version. */
export function lineFieldsOf(major: number): string[] {
  const f = quantityFields(major);
  return [...LINE_BASE_FIELDS, f.done, ...(f.reserved ? [f.reserved] : []), ...(f.usesPicked ? ['picked'] : [])];
}

/** What a new move line of each move needs; taken from the move itself so moves without lines work too. */
export function lineTemplates(pickingId: number, moves: readonly WorkMove[], lines: readonly MoveLineRecord[]): Map<number, Record<string, unknown>> {
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

/** Distinct destination packages of a picking's lines, oldest first (ids grow with creation). */
export function packageIds(lines: readonly MoveLineRecord[]): number[] {
  return [...new Set(lines.map((l) => m2oId(l.result_package_id)).filter((id): id is number => id !== null))].sort((a, b) => a - b);
}

/** The wizard writes weight and type only when it had them; a resumed parcel may also miss them. */
export async function completePackage(odoo: OdooExec, packageId: number, parcel: Parcel): Promise<void> {
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
