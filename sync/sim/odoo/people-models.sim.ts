import { OdooFault } from './odoo-fault.sim';
import type { FieldDef, ModelDef, RecordStore, Row } from './record-store.sim';
import type { SandboxVersion } from './stock-models.sim';

const char = { type: 'char' } as const;
const bool = { type: 'bool' } as const;
const sel = { type: 'selection' } as const;
const m2m = (relation: string): FieldDef => ({ type: 'm2m', relation });
const computed = (compute: (row: Row, store: RecordStore) => unknown): FieldDef => ({ type: 'computed', compute });

/** The people the sandbox's Employees app holds (badges as Odoo generates them: `041` and nine digits). */
export const SANDBOX_PEOPLE = {
  packer: { name: 'Paul Berger', badge: '041000000101' },
  supervisor: { name: 'Sofia Marin', badge: '041000000102', pin: '2468' },
  /** A packer whose Odoo user speaks German. */
  germanPacker: { name: 'Lena Vogel', badge: '041000000103' },
} as const;

/** 19 keeps a user's explicit groups in `group_ids`; the implied ones answer through `all_group_ids`. */
const groupsField = (version: SandboxVersion): string => (version >= 19 ? 'group_ids' : 'groups_id');

function allGroups(user: Row, store: RecordStore): number[] {
  const all = new Set<number>();
  const visit = (id: number) => {
    if (all.has(id)) return;
    all.add(id);
    for (const implied of store.get('res.groups', id).implied_ids as number[]) visit(implied);
  };
  for (const id of user.group_ids as number[]) visit(id);
  return [...all];
}

/**
 * The slice of the Employees app and of users' groups that sign-in reads: hr.employee (`barcode` "Badge ID", `pin`,
 * `user_id`, archived with `active`), res.users `lang` and groups (`groups_id` on 16–18, which the ORM also fills with
 * implied groups; `group_ids` + computed `all_group_ids` on 19), res.groups with `implied_ids` and its users.
 */
export function withPeopleModels(models: readonly ModelDef[], version: SandboxVersion): ModelDef[] {
  const userGroups: Record<string, FieldDef> =
    version >= 19 ? { group_ids: m2m('res.groups'), all_group_ids: computed(allGroups) } : { groups_id: m2m('res.groups') };
  const members = (group: Row, store: RecordStore): number[] =>
    store.rows('res.users').filter((u) => (u[groupsField(version)] as number[]).includes(group.id)).map((u) => u.id);
  return [
    ...models.map((m) => (m.name === 'res.users' ? { ...m, fields: { ...m.fields, lang: sel, ...userGroups } } : m)),
    { name: 'res.groups', fields: { name: char, implied_ids: m2m('res.groups'), [version >= 19 ? 'user_ids' : 'users']: computed(members) } },
    {
      name: 'hr.employee',
      fields: { name: char, barcode: char, pin: char, user_id: { type: 'm2o', relation: 'res.users' }, active: bool, company_id: { type: 'm2o', relation: 'res.company' } },
      defaults: () => ({ active: true }),
    },
  ];
}

/** Inventory's groups with their XML ids, a supervisor and two packers with badges, and the administrator's employee (no badge). */
export function seedPeople(store: RecordStore, version: SandboxVersion): void {
  const field = groupsField(version);
  const stockUser = store.create('res.groups', { name: 'Inventory / User' });
  const stockManager = store.create('res.groups', { name: 'Inventory / Administrator', implied_ids: [[6, 0, [stockUser]]] });
  for (const [name, id] of [['group_stock_user', stockUser], ['group_stock_manager', stockManager]] as const) {
    store.create('ir.model.data', { module: 'stock', name, model: 'res.groups', res_id: id });
  }
  // ≤18 store implied groups with the explicit ones; 19 derives them.
  const groups = (explicit: number[]) => [[6, 0, version >= 19 ? explicit : [...explicit, stockUser]]];
  const company = store.rows('res.company')[0]?.id ?? false;
  const admin = store.rows('res.users').find((u) => u.login === 'admin');
  if (admin) {
    store.write('res.users', [admin.id], { lang: 'en_US', [field]: groups([stockManager]) });
    store.create('hr.employee', { name: admin.name, user_id: admin.id, company_id: company });
  }
  const { packer, supervisor, germanPacker } = SANDBOX_PEOPLE;
  const sofia = store.create('res.users', { name: supervisor.name, login: 'sofia', lang: 'en_US', company_id: company, [field]: groups([stockManager]) });
  const lena = store.create('res.users', { name: germanPacker.name, login: 'lena', lang: 'de_DE', company_id: company, [field]: [[6, 0, [stockUser]]] });
  store.create('hr.employee', { name: packer.name, barcode: packer.badge, company_id: company });
  store.create('hr.employee', { name: supervisor.name, barcode: supervisor.badge, pin: supervisor.pin, user_id: sofia, company_id: company });
  store.create('hr.employee', { name: germanPacker.name, barcode: germanPacker.badge, user_id: lena, company_id: company });
}

/** `ir.model.data.check_object_reference(module, xml_id)`: `[model, res_id]`, or Odoo's ValueError for an unknown id. */
export function checkObjectReference(store: RecordStore, args: unknown[], kwargs: Record<string, unknown>): [string, number] {
  const module = String(kwargs.module ?? args[0]);
  const name = String(kwargs.xml_id ?? args[1]);
  const row = store.rows('ir.model.data').find((r) => r.module === module && r.name === name);
  if (!row) throw new OdooFault('builtins.ValueError', `External ID not found in the system: ${module}.${name}`);
  return [String(row.model), Number(row.res_id)];
}
