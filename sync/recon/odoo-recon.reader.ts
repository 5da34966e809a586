import { z } from 'zod';
import type { OdooPickingFacts } from '../../app/recon/recon-input.schema';
import { RECON_BATCH } from '../../app/recon/recon.ports';
import type { OdooReconReader } from '../../app/recon/recon.ports';
import type { OdooExec } from '../odoo/odoo-exec';
import { OdooDatetimeSchema, fromOdooDatetime, toOdooDatetime } from '../odoo/odoo-datetime';
import { parseReply } from '../odoo/odoo-picking.reader';
import { charOrFalse, many2one } from '../odoo/odoo-records.schema';
import { trackingRefsOf } from '../odoo/picking-facts.reader';
import type { HubOdoo } from './hub-odoo.client';
import { odooPickingFields, odooVersionOf } from './odoo-recon.fields';
import { gramsPerUnit } from '../../app/domain/weight-units';

type Fields = ReturnType<typeof odooPickingFields>;


const SECOND = 1000;
/** The Odoo datetime of the first whole second at or after `ms`: `date_done` (whole seconds) ≥ it ⟺ ≥ `ms`. */
const secondAtOrAfter = (ms: number): string => toOdooDatetime(Math.ceil(ms / SECOND) * SECOND);

const Rows = z.array(z.record(z.string(), z.unknown()));

/** One stock.picking row (read with `fields`) as the facts reconciliation compares. */
function factsOf(row: Record<string, unknown>, f: Fields): OdooPickingFacts {
  const value = <T>(schema: z.ZodType<T>, key: keyof Fields): T => parseReply(schema, row[f[key]], `stock.picking.${f[key]}`);
  const weight = value(z.union([z.number(), z.literal(false)]), 'weight');
  const unit = value(charOrFalse.optional(), 'weightUnit') || 'kg';
  const perUnit = gramsPerUnit(unit);
  const doneAt = value(z.union([OdooDatetimeSchema, z.literal(false)]), 'doneAt');
  const carrier = value(many2one, 'carrier');
  return {
    id: value(z.number().int(), 'id'),
    name: value(z.string(), 'name'),
    state: value(z.string(), 'state'),
    trackingRefs: trackingRefsOf(value(charOrFalse, 'trackingRefs')),
    // 0 is what Odoo shows when it has no weight; a unit the hub does not know is no weight it can compare.
    shippingWeightG: weight === false || weight <= 0 || perUnit === undefined ? null : Math.round(weight * perUnit),
    attachments: value(z.number().int().nonnegative(), 'attachments'),
    dateDone: doneAt === false ? null : fromOdooDatetime(doneAt),
    carrier: carrier === false ? null : carrier[1],
  };
}

/**
 * Odoo as reconciliation reads it: one `search_read` of stock.picking per RECON_BATCH records, with only the fields
 * declared in odoo-recon.fields.ts for the server's version (`search_read` rather than `read`: a deleted picking is
 * simply absent, not a MissingError for the whole batch).
 */
class OdooRecon implements OdooReconReader {
  constructor(private readonly odoo: HubOdoo) {}

  async pickings(ids: readonly number[]): Promise<OdooPickingFacts[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const session = await this.odoo.apiSession();
    const f = odooPickingFields(odooVersionOf(session.major));
    const out: OdooPickingFacts[] = [];
    for (let at = 0; at < unique.length; at += RECON_BATCH) {
      out.push(...(await this.page(session, f, [['id', 'in', unique.slice(at, at + RECON_BATCH)]])));
    }
    return out;
  }

  async doneWithTracking(since: number, until: number): Promise<OdooPickingFacts[]> {
    if (until <= since) return [];
    return this.window([], since, until);
  }

  /**
   * Paged by id (keyset): a picking done while the pages are read neither shifts nor repeats a page. The domain is
   * `id > after AND (id in ids OR (outgoing AND done AND in the window AND a tracking reference))`, in Odoo's prefix
   * notation; each page sends only the ids still ahead of it.
   */
  async window(ids: readonly number[], since: number, until: number): Promise<OdooPickingFacts[]> {
    const wanted = [...new Set(ids)].sort((a, b) => a - b);
    if (wanted.length === 0 && until <= since) return [];
    const session = await this.odoo.apiSession();
    const f = odooPickingFields(odooVersionOf(session.major));
    const done = [
      [f.typeCode, '=', 'outgoing'],
      [f.state, '=', 'done'],
      [f.doneAt, '>=', secondAtOrAfter(since)],
      [f.doneAt, '<', secondAtOrAfter(until)],
      [f.trackingRefs, '!=', false],
    ];
    const doneTerm = until > since ? ['&', '&', '&', '&', ...done] : [['id', '=', 0]];
    const asked = new Set(wanted);
    const out: OdooPickingFacts[] = [];
    let after = 0;
    for (;;) {
      const ahead = wanted.filter((id) => id > after);
      // One row past the page says whether another follows, so N pickings take ⌈N / RECON_BATCH⌉ requests, not one more.
      const read = await this.page(session, f, [['id', '>', after], '|', ['id', 'in', ahead], ...doneTerm], RECON_BATCH + 1);
      const page = read.slice(0, RECON_BATCH);
      // Odoo's `!= False` lets an empty string through: a done picking is one of the window's only with a reference.
      out.push(...page.filter((p) => asked.has(p.id) || p.trackingRefs.length > 0));
      const last = page[page.length - 1];
      if (read.length <= RECON_BATCH || !last) return out;
      after = last.id;
    }
  }

  private async page(odoo: OdooExec, f: Fields, domain: unknown[], limit?: number): Promise<OdooPickingFacts[]> {
    const fields = [f.name, f.state, f.trackingRefs, f.weight, f.weightUnit, f.attachments, f.doneAt, f.carrier];
    const reply = await odoo.call('stock.picking', 'search_read', [domain], { fields, order: 'id asc', ...(limit !== undefined ? { limit } : {}) });
    return parseReply(Rows, reply, 'stock.picking search_read').map((row) => factsOf(row, f));
  }
}

/** The reader of reconciliation's Odoo side, on the hub's Odoo session (`hubOdoo(config.odoo)`). */
export function odooReconReader(odoo: HubOdoo): OdooReconReader {
  return new OdooRecon(odoo);
}
