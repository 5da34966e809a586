import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { PickingSchema } from '../../app/domain/picking.schema';
import type { Picking } from '../../app/domain/picking.schema';
import type { PickingCache } from '../../app/ports';
import type { Clock } from '../../app/ports';
import { statementCache } from '../db/prepared';
import type { StatementCache } from '../db/prepared';
import { withStorageErrors } from '../db/sqlite-errors';
import { parseJsonColumn } from './outbox-rows.schema';
import type { OutboxStore } from './outbox.store';
import { orderKeyFor } from './order-key';

const CachedPickingRowSchema = z.object({ picking_id: z.number().int(), picking: z.string() });

const scanKeysOf = (picking: Picking): string[] =>
  [...new Set([picking.name, picking.origin].map((k) => k?.trim() ?? '').filter((k) => k.length > 0))];

/**
 * Pickings as last read from Odoo, so the station keeps packing while Odoo is out of reach. A row is only a copy of
 * Odoo's data: one that cannot be parsed back is moved to the dead letters (kept, visible) and the picking is read
 * from Odoo again next time.
 */
export class SqlitePickingCache implements PickingCache {
  private readonly sql: StatementCache;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly outbox: OutboxStore,
  ) {
    this.sql = statementCache(db);
  }

  cachePicking(picking: Picking): void {
    const valid = PickingSchema.parse(picking);
    this.write('cache picking', () => {
      this.sql
        .prepare(
          `INSERT INTO picking_cache (picking_id, name, picking, cached_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(picking_id) DO UPDATE SET name = excluded.name, picking = excluded.picking, cached_at = excluded.cached_at`,
        )
        .run(valid.id, valid.name, JSON.stringify(valid), Math.floor(this.clock.now()));
      this.sql.prepare(`DELETE FROM picking_scan_keys WHERE picking_id = ?`).run(valid.id);
      const insertKey = this.sql.prepare(`INSERT OR REPLACE INTO picking_scan_keys (scan_key, picking_id) VALUES (?, ?)`);
      for (const key of scanKeysOf(valid)) insertKey.run(key, valid.id);
    });
  }

  cachedPicking(scan: string): Picking | null {
    const key = scan.trim();
    if (key.length === 0) return null;
    const raw: unknown = this.sql
      .prepare(
        `SELECT c.picking_id, c.picking FROM picking_scan_keys k JOIN picking_cache c ON c.picking_id = k.picking_id
         WHERE k.scan_key = ?`,
      )
      .get(key);
    if (raw === undefined) return null;
    const row = CachedPickingRowSchema.parse(raw);
    const picking = parseJsonColumn(row.picking, PickingSchema);
    if (picking !== null) return picking;
    this.write('quarantine cached picking', () => {
      this.outbox.addDeadLetter({ target: 'local', orderKey: orderKeyFor(row.picking_id), reason: 'unparseable cached picking', raw: row.picking });
      this.sql.prepare(`DELETE FROM picking_cache WHERE picking_id = ?`).run(row.picking_id);
    });
    return null;
  }

  private write(what: string, fn: () => void): void {
    withStorageErrors(`picking cache: ${what}`, () => this.db.transaction(fn).immediate());
  }
}
