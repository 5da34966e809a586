import { applyM2m, isChildOf, likePattern } from './record-values.sim';
import { OdooFault } from './odoo-fault.sim';
import { RecordTables } from './record-tables.sim';
import type { Savepoint } from './undo-journal.sim';

export type { Savepoint } from './undo-journal.sim';

export type Row = Record<string, unknown> & { id: number };

export type FieldDef =
  | { type: 'char' | 'text' | 'selection' | 'binary' | 'int' | 'float' | 'bool' | 'datetime' }
  | { type: 'm2o'; relation: string }
  | { type: 'o2m'; relation: string; inverse: string }
  | { type: 'm2m'; relation: string }
  | { type: 'computed'; compute: (row: Row, store: RecordStore) => unknown };

export interface ModelDef {
  name: string;
  fields: Record<string, FieldDef>;
  displayName?: (row: Row, store: RecordStore) => string;
  /** The many2one to the parent record (`_parent_name`), for `child_of` domains: `location_id` on stock.location. */
  parentField?: string;
  /** Default values of a create (`context` as the call gave it, for defaults that read `default_*` keys). */
  defaults?: (store: RecordStore, context: Record<string, unknown>) => Record<string, unknown>;
}

export type Domain = unknown[];

/** Odoo's LOG_ACCESS_COLUMNS dates, on every model: set by the ORM on create and on every write. */
const LOG_ACCESS_DATES = { create_date: { type: 'datetime' }, write_date: { type: 'datetime' } } as const;

/**
 * PostgreSQL keeps the microseconds of `write_date` (domains compare them) while `read` answers Odoo's
 * DEFAULT_SERVER_DATETIME_FORMAT, 'YYYY-MM-DD HH:MM:SS' in UTC: a record written at 10:00:00.4 reads as '10:00:00' and
 * still matches `write_date > '10:00:00'`.
 */
const stampOf = (ms: number): string => `${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}000`;

/** Fields an index can answer equality on: stored, one value per row (a relation as its id). */
const INDEXABLE = new Set<FieldDef['type']>(['m2o', 'char', 'text', 'selection', 'int', 'float', 'bool', 'datetime']);

/**
 * An in-memory ORM with Odoo's external behaviour: `false` for empty fields, many2one read as `[id, display_name]`,
 * x2many commands on write, `default_*` context keys on create, Polish-notation domains, and the real exceptions for
 * unknown fields, models and ids. A call costs what it touches, not what the database holds: a failed call is taken
 * back from an undo journal (`savepoint` / `rollback`), and equality on a field is answered from an index
 * (`rowsWhere`, one2many reads, `=` and `in` leaves of a domain).
 */
export class RecordStore {
  private readonly defs = new Map<string, ModelDef>();
  private readonly tables: RecordTables;

  private readonly inLists = new WeakMap<readonly unknown[], Set<unknown>>();

  constructor(
    models: readonly ModelDef[],
    private readonly now: () => number = Date.now,
  ) {
    for (const m of models) this.defs.set(m.name, { ...m, fields: { ...m.fields, ...LOG_ACCESS_DATES } });
    this.tables = new RecordTables(this.defs.keys());
  }

  has(model: string): boolean {
    return this.defs.has(model);
  }

  def(model: string): ModelDef {
    const def = this.defs.get(model);
    if (!def) throw new OdooFault('builtins.KeyError', `'${model}'`);
    return def;
  }

  /**
   * Opens a savepoint (they nest): `rollback` takes back every change made since, `release` keeps them. Nothing is
   * journaled while none is open.
   */
  savepoint(): Savepoint {
    return this.tables.savepoint();
  }

  release(savepoint: Savepoint): void {
    this.tables.release(savepoint);
  }

  rollback(savepoint: Savepoint): void {
    this.tables.rollback(savepoint);
  }

  get(model: string, id: number): Row {
    this.def(model);
    const row = this.tables.get(model, id);
    if (!row) throw OdooFault.missing(model, [id]);
    return row;
  }

  rows(model: string): Row[] {
    this.def(model);
    return this.tables.rows(model);
  }

  count(model: string): number {
    this.def(model);
    return this.tables.count(model);
  }

  /** The rows whose stored `field` equals `value`, in id order (a picking's lines), from the field's index. */
  rowsWhere(model: string, field: string, value: unknown): Row[] {
    return this.idsWhere(model, field, value).map((id) => this.tables.get(model, id) as Row);
  }

  private idsWhere(model: string, field: string, value: unknown): readonly number[] {
    const type = this.def(model).fields[field]?.type;
    if (type === undefined || !INDEXABLE.has(type)) throw new OdooFault('builtins.ValueError', `Invalid field '${field}' on model '${model}'`);
    return this.tables.ids(model, field, value);
  }

  displayName(model: string, id: number): string {
    const def = this.def(model);
    const row = this.get(model, id);
    return def.displayName ? def.displayName(row, this) : String(row.name ?? `${model},${id}`);
  }

  create(model: string, vals: Record<string, unknown>, context: Record<string, unknown> = {}): number {
    const def = this.def(model);
    const id = this.tables.nextId(model);
    const row: Row = { id };
    for (const [name, field] of Object.entries(def.fields)) {
      if (field.type === 'computed' || field.type === 'o2m') continue;
      row[name] = field.type === 'm2m' ? [] : field.type === 'int' || field.type === 'float' ? 0 : false;
    }
    row.create_date = stampOf(this.now());
    this.tables.insert(model, row);
    const fromContext: Record<string, unknown> = {};
    for (const name of Object.keys(def.fields)) if (`default_${name}` in context && !(name in vals)) fromContext[name] = context[`default_${name}`];
    this.write(model, [id], { ...(def.defaults?.(this, context) ?? {}), ...fromContext, ...vals });
    return id;
  }

  write(model: string, ids: readonly number[], vals: Record<string, unknown>): void {
    const def = this.def(model);
    const stamp = stampOf(this.now());
    for (const id of ids) {
      const row = this.get(model, id);
      // `vals.setdefault('write_date', …)`: every write moves it, unless the caller sets it.
      if (!('write_date' in vals)) this.tables.set(model, row, 'write_date', stamp);
      for (const [name, value] of Object.entries(vals)) {
        const field = def.fields[name];
        if (!field) throw new OdooFault('builtins.ValueError', `Invalid field '${name}' on model '${model}'`);
        if (field.type === 'computed') continue;
        if (field.type === 'o2m') this.applyO2m(field, id, value);
        else if (field.type === 'm2m') this.tables.set(model, row, name, applyM2m(row[name] as number[], value));
        else if (field.type === 'm2o') this.tables.set(model, row, name, Array.isArray(value) ? (value[0] ?? false) : value || false);
        else this.tables.set(model, row, name, value === null || value === undefined ? false : value);
      }
    }
  }

  unlink(model: string, ids: readonly number[]): void {
    this.def(model);
    for (const id of ids) this.tables.remove(model, id);
  }

  private applyO2m(field: { relation: string; inverse: string }, id: number, commands: unknown): void {
    for (const cmd of Array.isArray(commands) ? commands : []) {
      if (!Array.isArray(cmd)) continue;
      const [op, target, values] = cmd as [number, number, unknown];
      if (op === 0) this.create(field.relation, { ...(values as Record<string, unknown>), [field.inverse]: id });
      else if (op === 4) this.write(field.relation, [target], { [field.inverse]: id });
      else if (op === 2) this.unlink(field.relation, [target]);
    }
  }

  /** The raw value a domain compares: ids for relations, computed values computed. */
  value(model: string, row: Row, name: string): unknown {
    if (name === 'id') return row.id;
    if (name === 'display_name') return this.displayName(model, row.id);
    const field = this.def(model).fields[name];
    if (!field) throw new OdooFault('builtins.ValueError', `Invalid field '${name}' on model '${model}'`);
    if (field.type === 'computed') return field.compute(row, this);
    if (field.type === 'o2m') return [...this.idsWhere(field.relation, field.inverse, row.id)];
    return row[name];
  }

  search(model: string, domain: Domain, opts: { offset?: number; limit?: number; order?: string } = {}): number[] {
    const fields = this.def(model).fields;
    const indexable = (name: string) => INDEXABLE.has(fields[name]?.type ?? 'computed');
    const activeOnly = 'active' in fields && !domain.some((leaf) => Array.isArray(leaf) && leaf[0] === 'active'); // active_test
    const rows = (this.tables.candidates(model, domain, indexable) ?? this.rows(model)).filter((row) => (!activeOnly || row.active === true) && this.matches(model, row, domain));
    rows.sort(this.comparator(model, opts.order ?? 'id'));
    const start = opts.offset ?? 0;
    return rows.slice(start, opts.limit ? start + opts.limit : undefined).map((r) => r.id);
  }

  read(model: string, ids: readonly number[], fields?: readonly string[]): Record<string, unknown>[] {
    const def = this.def(model);
    const names = fields && fields.length > 0 ? fields : Object.keys(def.fields);
    // `_determine_fields_to_fetch`'s wording, as a real 19 answered a read of 'mobile' on res.partner.
    const unknown = names.find((name) => name !== 'id' && name !== 'display_name' && !def.fields[name]);
    if (unknown !== undefined) throw new OdooFault('builtins.ValueError', `Invalid field '${unknown}' on '${model}'`);
    return ids.map((id) => {
      const row = this.get(model, id);
      const out: Record<string, unknown> = { id };
      for (const name of names) {
        if (name === 'id') continue;
        const field = def.fields[name];
        const value = this.value(model, row, name);
        if (field?.type === 'm2o') {
          out[name] = typeof value === 'number' ? [value, this.displayName(field.relation, value)] : false;
        } else if (field?.type === 'datetime' && typeof value === 'string') out[name] = value.slice(0, 19);
        else out[name] = value === null || value === undefined ? false : value;
      }
      return out;
    });
  }

  private comparator(model: string, order: string): (a: Row, b: Row) => number {
    const keys = order.split(',').map((part) => {
      const [field = 'id', dir = 'asc'] = part.trim().split(/\s+/);
      return { field, sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
    });
    return (a, b) => {
      for (const { field, sign } of keys) {
        const va = this.value(model, a, field) as number | string;
        const vb = this.value(model, b, field) as number | string;
        if (va < vb) return -sign;
        if (va > vb) return sign;
      }
      return a.id - b.id;
    };
  }

  /** `id in [500 ids]` over thousands of rows: one Set per domain list instead of a scan per row. */
  private inList(list: readonly unknown[], actual: unknown, hits: (v: unknown) => boolean): boolean {
    if (Array.isArray(actual)) return list.some(hits);
    let set = this.inLists.get(list);
    if (!set) {
      set = new Set(list);
      this.inLists.set(list, set);
    }
    return set.has(actual);
  }

  matches(model: string, row: Row, domain: Domain): boolean {
    const stack: boolean[] = [];
    for (let i = domain.length - 1; i >= 0; i--) {
      const term = domain[i];
      if (term === '&' || term === '|') {
        const a = stack.pop() ?? true;
        const b = stack.pop() ?? true;
        stack.push(term === '&' ? a && b : a || b);
      } else if (term === '!') stack.push(!(stack.pop() ?? true));
      else if (Array.isArray(term)) stack.push(this.leaf(model, row, term));
      else throw new OdooFault('builtins.ValueError', `Invalid leaf ${JSON.stringify(term)}`);
    }
    return stack.every(Boolean);
  }

  private leaf(model: string, row: Row, [field, op, expected]: unknown[]): boolean {
    const actual = this.value(model, row, String(field));
    const list = Array.isArray(expected) ? expected : [expected];
    const hits = (v: unknown) => (Array.isArray(actual) ? actual.includes(v) : actual === v);
    switch (op) {
      case '=':
        return expected === false && Array.isArray(actual) ? actual.length === 0 : hits(expected);
      case '!=':
        return !hits(expected);
      case 'in':
        return this.inList(list, actual, hits);
      case 'not in':
        return !this.inList(list, actual, hits);
      case 'ilike':
        return typeof actual === 'string' && actual.toLowerCase().includes(String(expected).toLowerCase());
      case 'like':
        return typeof actual === 'string' && actual.includes(String(expected));
      // SQL LIKE on the value as given: `%` any run, `_` one character (Odoo adds no `%` around it).
      case '=like':
      case '=ilike':
        return typeof actual === 'string' && likePattern(String(expected), op === '=ilike').test(actual);
      case '>':
        return (actual as number) > (expected as number);
      case '<':
        return (actual as number) < (expected as number);
      case '>=':
        return (actual as number) >= (expected as number);
      case '<=':
        return (actual as number) <= (expected as number);
      case 'child_of': {
        // The record the field points to (`id`: the row itself) is one of `list` or below one, by its `parentField`.
        const def = this.def(model).fields[String(field)];
        const relation = field === 'id' ? model : def?.type === 'm2o' ? def.relation : model;
        const parent = this.def(relation).parentField;
        return isChildOf(actual, list, (id) => (parent ? this.tables.get(relation, id)?.[parent] : undefined));
      }
      default:
        throw new OdooFault('builtins.ValueError', `Invalid domain operator ${String(op)}`);
    }
  }
}
