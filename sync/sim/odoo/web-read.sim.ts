import { OdooFault } from './odoo-fault.sim';
import type { RecordStore } from './record-store.sim';

type Spec = Record<string, unknown>;

const nested = (spec: unknown): Spec | null => {
  const fields = typeof spec === 'object' && spec !== null ? (spec as { fields?: unknown }).fields : undefined;
  return typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? (fields as Spec) : null;
};

/**
 * `web_read(specification)`, the "unity read" of Odoo 17+ (odoo/models.py): `read` with each relational field shaped
 * by its spec. As real 18 and 19 servers answered it: a many2one without `fields` is its id (or false), with `fields`
 * a dict `{id, …those fields}`; a one2many/many2many without `fields` is its ids, with `fields` a list of such dicts.
 * 16 has no such method (the sandbox of 16 answers it as the real one would: the method does not exist).
 */
export function webRead(store: RecordStore, model: string, ids: readonly number[], spec: Spec): Record<string, unknown>[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new OdooFault('builtins.TypeError', 'web_read() missing required argument: specification');
  const def = store.def(model);
  const names = Object.keys(spec).filter((name) => name !== 'id');
  return store.read(model, ids, names.length > 0 ? names : ['id']).map((row) => {
    const out: Record<string, unknown> = { id: row.id };
    for (const name of names) {
      const field = def.fields[name];
      const value = row[name];
      const sub = nested(spec[name]);
      if (field?.type === 'm2o') {
        const id = Array.isArray(value) ? (value[0] as number) : null;
        out[name] = id === null ? false : sub ? (webRead(store, field.relation, [id], sub)[0] ?? false) : id;
      } else if ((field?.type === 'o2m' || field?.type === 'm2m') && sub) {
        out[name] = webRead(store, field.relation, Array.isArray(value) ? (value as number[]) : [], sub);
      } else out[name] = value;
    }
    return out;
  });
}
