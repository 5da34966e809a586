import { z } from 'zod';
import type { PackageType } from '../../app/domain/picking.schema';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { PackageTypeRecordSchema, text } from './odoo-records.schema';

/**
 * Every `stock.package.type` of the Odoo, in Odoo's order (sequence, id): each loaded picking carries them (the
 * packer scans a box), and the command sheet prints a barcode for each. Weights in grams, sizes in millimetres.
 */
export async function readPackageTypes(odoo: OdooExec): Promise<PackageType[]> {
  const fields = ['name', 'barcode', 'base_weight', 'packaging_length', 'width', 'height', 'max_weight'];
  const rows = parseReply(
    z.array(PackageTypeRecordSchema),
    await odoo.call('stock.package.type', 'search_read', [[]], { fields, order: 'sequence, id' }),
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
