import { OdooFault } from './odoo-fault.sim';

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
  defaults?: (store: RecordStore) => Record<string, unknown>;
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

/**
 * An in-memory ORM with Odoo's external behaviour: `false` for empty fields, many2one read as `[id, display_name]`,
 * x2many commands on write, `default_*` context keys on create, Polish-notation domains, and the real exceptions for
 * unknown fields, models and ids.
 */
export class RecordStore {
  private readonly defs = new Map<string, ModelDef>();
  private tables = new Map<string, Map<number, Row>>();
  private seq = new Map<string, number>();

  private readonly inLists = new WeakMap<readonly unknown[], Set<unknown>>();

  constructor(
    models: readonly ModelDef[],
    private readonly now: () => number = Date.now,
  ) {
    for (const m of models) {
      this.defs.set(m.name, { ...m, fields: { ...m.fields, ...LOG_ACCESS_DATES } });
      this.tables.set(m.name, new Map());
    }
  }

  has(model: string): boolean {
    return this.defs.has(model);
  }

  def(model: string): ModelDef {
    const def = this.defs.get(model);
    if (!def) throw new OdooFault('builtins.KeyError', `'${model}'`);
    return def;
  }

  private table(model: string): Map<number, Row> {
    this.def(model);
    return this.tables.get(model) as Map<number, Row>;
  }

  snapshot(): unknown {
    return structuredClone({ tables: this.tables, seq: this.seq });
  }

  restore(snapshot: unknown): void {
    const s = structuredClone(snapshot) as { tables: Map<string, Map<number, Row>>; seq: Map<string, number> };
    this.tables = s.tables;
    this.seq = s.seq;
  }

  get(model: string, id: number): Row {
    const row = this.table(model).get(id);
    if (!row) throw OdooFault.missing(model, [id]);
    return row;
  }

  rows(model: string): Row[] {
    return [...this.table(model).values()];
  }

  displayName(model: string, id: number): string {
    const def = this.def(model);
    const row = this.get(model, id);
    return def.displayName ? def.displayName(row, this) : String(row.name ?? `${model},${id}`);
  }

  create(model: string, vals: Record<string, unknown>, context: Record<string, unknown> = {}): number {
    const def = this.def(model);
    const id = (this.seq.get(model) ?? 0) + 1;
    this.seq.set(model, id);
    const row: Row = { id };
    for (const [name, field] of Object.entries(def.fields)) {
      if (field.type === 'computed' || field.type === 'o2m') continue;
      row[name] = field.type === 'm2m' ? [] : field.type === 'int' || field.type === 'float' ? 0 : false;
    }
    row.create_date = stampOf(this.now());
    this.table(model).set(id, row);
    const fromContext: Record<string, unknown> = {};
    for (const name of Object.keys(def.fields)) if (`default_${name}` in context && !(name in vals)) fromContext[name] = context[`default_${name}`];
    this.write(model, [id], { ...(def.defaults?.(this) ?? {}), ...fromContext, ...vals });
    return id;
  }

  write(model: string, ids: readonly number[], vals: Record<string, unknown>): void {
    const def = this.def(model);
    const stamp = stampOf(this.now());
    for (const id of ids) {
      const row = this.get(model, id);
      // `vals.setdefault('write_date', …)`: every write moves it, unless the caller sets it.
      if (!('write_date' in vals)) row.write_date = stamp;
      for (const [name, value] of Object.entries(vals)) {
        const field = def.fields[name];
        if (!field) throw new OdooFault('builtins.ValueError', `Invalid field '${name}' on model '${model}'`);
        if (field.type === 'computed') continue;
        if (field.type === 'o2m') this.applyO2m(field, id, value);
        else if (field.type === 'm2m') row[name] = applyM2m(row[name] as number[], value);
        else if (field.type === 'm2o') row[name] = Array.isArray(value) ? (value[0] ?? false) : value || false;
        else row[name] = value === null || value === undefined ? false : value;
      }
    }
  }

  unlink(model: string, ids: readonly number[]): void {
    for (const id of ids) this.table(model).delete(id);
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
    if (field.type === 'o2m') return this.rows(field.relation).filter((r) => r[field.inverse] === row.id).map((r) => r.id);
    return row[name];
  }

  search(model: string, domain: Domain, opts: { offset?: number; limit?: number; order?: string } = {}): number[] {
    const rows = this.rows(model).filter((row) => this.matches(model, row, domain));
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
      case '=like':
      case 'like':
        return typeof actual === 'string' && actual.includes(String(expected));
      case '>':
        return (actual as number) > (expected as number);
      case '<':
        return (actual as number) < (expected as number);
      case '>=':
        return (actual as number) >= (expected as number);
      case '<=':
        return (actual as number) <= (expected as number);
      default:
        throw new OdooFault('builtins.ValueError', `Invalid domain operator ${String(op)}`);
    }
  }
}

function applyM2m(current: readonly number[], commands: unknown): number[] {
  let ids = [...current];
  for (const cmd of Array.isArray(commands) ? commands : []) {
    if (typeof cmd === 'number') ids.push(cmd);
    if (!Array.isArray(cmd)) continue;
    const [op, target, list] = cmd as [number, number, number[]];
    if (op === 4 && !ids.includes(target)) ids.push(target);
    else if (op === 3) ids = ids.filter((i) => i !== target);
    else if (op === 5) ids = [];
    else if (op === 6) ids = [...(list ?? [])];
  }
  return ids;
}
