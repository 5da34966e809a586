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
const HeldRowSchema = z.object({ picking_id: z.number().int(), write_date: z.string().nullable(), source: z.enum(['scan', 'prefetch']) });
const CountRowSchema = z.object({ n: z.number().int() });
const FreshnessRowSchema = z.object({
  cursor: z.string().nullable(),
  last_refresh_at: z.number().nullable(),
  last_full_at: z.number().nullable(),
  last_error: z.string().nullable(),
  last_error_at: z.number().nullable(),
});

/** How fresh the prefetched copies are; survives a restart so the supervisor sees the truth right away. */
export interface CacheFreshness {
  /** The highest Odoo write_date seen (UTC 'YYYY-MM-DD HH:MM:SS'). */
  cursor: string | null;
  lastRefreshAt: number | null;
  lastFullAt: number | null;
  /** The last refresh's failure, cleared by the next success. */
  lastError: string | null;
  lastErrorAt: number | null;
}

export interface HeldPicking {
  /** Odoo's write_date of the copy held; null when a scan loaded it (unknown). */
  writeDate: string | null;
  source: 'scan' | 'prefetch';
}

const scanKeysOf = (picking: Picking): string[] =>
  [...new Set([picking.name, picking.origin].map((k) => k?.trim() ?? '').filter((k) => k.length > 0))];

// The ledger still needs the picking's row (its name) while the station has work on it that Odoo has not fully
// received: events not yet delivered (or dead), or parcels recorded but the picking not finished. The order key is
// orderKeyFor's `picking:<id>`.
const OPEN_WORK = `(
  EXISTS (SELECT 1 FROM outbox o WHERE o.order_key = 'picking:' || c.picking_id AND o.state IN ('pending', 'dead'))
  OR (EXISTS (SELECT 1 FROM parcels p WHERE p.picking_id = c.picking_id)
      AND NOT EXISTS (SELECT 1 FROM pickings_packed k WHERE k.picking_id = c.picking_id)))`;

// Keeps what the ledger and a supervisor need (id, name, origin, lines, carrier, ship-from) and drops the customer:
// name, company, street, city, zip, state, phone, email. A row that is not even JSON keeps only id and name.
const MASK = `UPDATE picking_cache SET masked_at = ?,
  picking = CASE WHEN json_valid(picking)
    THEN json_set(picking, '$.partner', json_object('name', '', 'street1', '', 'city', '', 'zip', '', 'country', json_extract(picking, '$.partner.country')))
    ELSE json_object('id', picking_id, 'name', name) END`;

/**
 * Pickings as last read from Odoo, so the station keeps packing while Odoo is out of reach: those a scan loaded and
 * the ready pickings the prefetch brought ahead of any scan. A row is only a copy of Odoo's data: one that cannot be
 * parsed back is moved to the dead letters (kept, visible) and the picking is read from Odoo again next time.
 * Customer data is masked once the station is done with a picking; a masked copy is never served for packing.
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
    // A scanned copy is newer than any prefetched one, but its write_date is unknown: the next refresh reloads it.
    this.write('cache picking', () => this.upsert(valid, null, 'scan'));
  }

  /** Stores prefetched pickings in ONE transaction; a picking a scan brought keeps that origin. */
  storePrefetched(entries: readonly { picking: Picking; writeDate: string }[]): void {
    const valid = entries.map((e) => ({ picking: PickingSchema.parse(e.picking), writeDate: e.writeDate }));
    this.write('store prefetched pickings', () => {
      for (const e of valid) this.upsert(e.picking, e.writeDate, 'prefetch');
    });
  }

  cachedPicking(scan: string): Picking | null {
    const key = scan.trim();
    if (key.length === 0) return null;
    const raw: unknown = this.sql
      .prepare(
        `SELECT c.picking_id, c.picking FROM picking_scan_keys k JOIN picking_cache c ON c.picking_id = k.picking_id
         WHERE k.scan_key = ? AND c.masked_at IS NULL`,
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

  /** The pickings the station can pack from its cache (masked ones excluded), with the write_date of each copy. */
  held(): Map<number, HeldPicking> {
    const rows: unknown[] = this.sql.prepare(`SELECT picking_id, write_date, source FROM picking_cache WHERE masked_at IS NULL`).all();
    return new Map(rows.map((r) => HeldRowSchema.parse(r)).map((r) => [r.picking_id, { writeDate: r.write_date, source: r.source }]));
  }

  /** How many pickings can be packed from the cache. */
  count(): number {
    return CountRowSchema.parse(this.sql.prepare(`SELECT COUNT(*) AS n FROM picking_cache WHERE masked_at IS NULL`).get()).n;
  }

  /**
   * Forgets pickings Odoo says are done, cancelled or out of scope, in ONE transaction. A picking the station still
   * has work on keeps its row for the ledger, masked. Returns how many rows went and how many were masked.
   */
  forget(ids: readonly number[]): { deleted: number; masked: number } {
    let deleted = 0;
    let masked = 0;
    this.write('forget pickings', () => {
      const now = this.now();
      for (const id of ids) {
        const gone = this.sql.prepare(`DELETE FROM picking_cache AS c WHERE c.picking_id = ? AND NOT ${OPEN_WORK}`).run(id).changes;
        deleted += gone;
        if (gone === 0) masked += this.mask(`WHERE picking_id = ? AND masked_at IS NULL`, now, id);
      }
    });
    return { deleted, masked };
  }

  /**
   * Masks the customer's personal data of every picking the station finished and Odoo fully received (packed here,
   * every event for it delivered). Returns how many rows were masked.
   */
  maskFinished(): number {
    let masked = 0;
    this.write('mask finished pickings', () => {
      masked = this.mask(
        `WHERE masked_at IS NULL AND picking_id IN (
           SELECT c.picking_id FROM picking_cache c JOIN pickings_packed k ON k.picking_id = c.picking_id WHERE NOT ${OPEN_WORK})`,
        this.now(),
      );
    });
    return masked;
  }

  freshness(): CacheFreshness {
    const row = FreshnessRowSchema.parse(this.sql.prepare(`SELECT cursor, last_refresh_at, last_full_at, last_error, last_error_at FROM picking_prefetch WHERE id = 1`).get());
    return { cursor: row.cursor, lastRefreshAt: row.last_refresh_at, lastFullAt: row.last_full_at, lastError: row.last_error, lastErrorAt: row.last_error_at };
  }

  recordRefresh(at: number, cursor: string | null, full: boolean): void {
    this.write('record refresh', () => {
      this.sql
        .prepare(
          `UPDATE picking_prefetch SET cursor = ?, last_refresh_at = ?, last_error = NULL, last_error_at = NULL,
             last_full_at = CASE WHEN ? THEN ? ELSE last_full_at END WHERE id = 1`,
        )
        .run(cursor, Math.floor(at), full ? 1 : 0, Math.floor(at));
    });
  }

  recordRefreshError(at: number, message: string): void {
    this.write('record refresh error', () => {
      this.sql.prepare(`UPDATE picking_prefetch SET last_error = ?, last_error_at = ? WHERE id = 1`).run(message, Math.floor(at));
    });
  }

  private mask(where: string, now: number, ...params: number[]): number {
    const changed = this.sql.prepare(`${MASK} ${where}`).run(now, ...params).changes;
    // Scan keys of a masked copy would only shadow nothing: it is never served.
    this.sql.prepare(`DELETE FROM picking_scan_keys WHERE picking_id IN (SELECT picking_id FROM picking_cache WHERE masked_at IS NOT NULL)`).run();
    return changed;
  }

  private upsert(valid: Picking, writeDate: string | null, source: 'scan' | 'prefetch'): void {
    this.sql
      .prepare(
        `INSERT INTO picking_cache (picking_id, name, picking, cached_at, write_date, source, masked_at) VALUES (?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT(picking_id) DO UPDATE SET name = excluded.name, picking = excluded.picking, cached_at = excluded.cached_at,
           write_date = excluded.write_date, masked_at = NULL,
           source = CASE WHEN picking_cache.source = 'scan' THEN 'scan' ELSE excluded.source END`,
      )
      .run(valid.id, valid.name, JSON.stringify(valid), this.now(), writeDate, source);
    this.sql.prepare(`DELETE FROM picking_scan_keys WHERE picking_id = ?`).run(valid.id);
    const insertKey = this.sql.prepare(`INSERT OR REPLACE INTO picking_scan_keys (scan_key, picking_id) VALUES (?, ?)`);
    for (const key of scanKeysOf(valid)) insertKey.run(key, valid.id);
  }

  private now(): number {
    return Math.floor(this.clock.now());
  }

  private write(what: string, fn: () => void): void {
    withStorageErrors(`picking cache: ${what}`, () => this.db.transaction(fn).immediate());
  }
}
