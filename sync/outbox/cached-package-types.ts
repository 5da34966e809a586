import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { PackageTypeSchema, type PackageType } from '../../app/domain/picking.schema';

const RowSchema = z.object({ cached_at: z.number().int(), types: z.string().nullable() });
const TypesSchema = z.array(PackageTypeSchema);

/**
 * The package types as Odoo last gave them to this station: every picking in its cache carries the list, so the
 * newest copy says what Odoo had when it was read. Null when the cache holds no picking (or none with a readable
 * list). For the command sheet while Odoo is out of reach.
 */
export function cachedPackageTypes(db: Database): { packageTypes: PackageType[]; at: number } | null {
  const raw: unknown = db
    .prepare(`SELECT cached_at, json_extract(picking, '$.packageTypes') AS types FROM picking_cache WHERE json_valid(picking) ORDER BY cached_at DESC LIMIT 1`)
    .get();
  if (raw === undefined) return null;
  const row = RowSchema.parse(raw);
  if (row.types === null) return null;
  const types = TypesSchema.safeParse(JSON.parse(row.types));
  return types.success ? { packageTypes: types.data, at: row.cached_at } : null;
}
