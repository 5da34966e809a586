import { z } from 'zod';
import { isStationError } from '../../app/domain/errors';
import type { Language } from '../../app/i18n/language';
import type { Role } from '../../app/people/person.schema';
import type { LogSink } from '../../app/ports';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { m2oId } from './odoo-records.schema';

/** Someone who may sign in, as Odoo has them; the PIN is plain here and hashed before it is stored. */
export interface OdooPerson {
  id: string;
  name: string;
  badge: string;
  role: Role;
  language: Language | null;
  /** The employee's own PIN (hr.employee `pin`), when it is one the PIN pad can take. */
  pin: string | null;
}

export interface PeopleReadOptions {
  /** Badges that make their employee a supervisor whatever Odoo's groups say (compared without case). */
  supervisorBadges: readonly string[];
  /** XML ids of res.groups whose users are supervisors (e.g. `stock.group_stock_manager`). */
  supervisorGroups: readonly string[];
  log?: LogSink;
}

const M2o = z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]);
const OdooChar = z.union([z.string(), z.literal(false)]);
const EmployeeSchema = z.object({ id: z.number().int(), name: z.string(), barcode: OdooChar, pin: OdooChar, user_id: M2o });
const UserSchema = z.object({ id: z.number().int(), lang: OdooChar });
/** `ir.model.data.check_object_reference` → `[model, res_id]`, `res_id` false when the user may not read it. */
const XmlIdReply = z.tuple([z.string(), z.union([z.number().int(), z.literal(false)])]);

const PIN_PAD = /^\d{4,12}$/;
const LANGUAGE_OF: Readonly<Record<string, Language>> = { en: 'en', de: 'de', fr: 'fr', es: 'es' };

/** Odoo's `lang` (`de_DE`, `fr_BE`, `es_419`) → a language the station speaks, or null. */
export const languageOfOdoo = (lang: string | false): Language | null => (lang === false ? null : (LANGUAGE_OF[lang.slice(0, 2).toLowerCase()] ?? null));

/**
 * Everyone with a badge: active hr.employee records whose `barcode` (the "Badge ID" of the Employees app) is set, with
 * their `pin` and Odoo user (whose `lang` the screen then speaks). Supervisors: a badge listed in the config, or an
 * Odoo user in one of the configured groups. The groups are found by XML id with `check_object_reference` (any
 * internal user may call it; reading ir.model.data needs Access Rights), their members by a search on the user's
 * groups: `groups_id` holds implied groups too on 16–18, while 19 keeps only the explicit ones in `group_ids` and
 * answers implied ones through `all_group_ids`. Reading `barcode` and `pin` needs the API user in Employees / Officer.
 */
export async function readPeople(odoo: OdooExec, opts: PeopleReadOptions): Promise<OdooPerson[]> {
  const employees = parseReply(
    z.array(EmployeeSchema),
    await odoo.call('hr.employee', 'search_read', [[['barcode', '!=', false]]], { fields: ['name', 'barcode', 'pin', 'user_id'], order: 'id asc' }),
    'hr.employee search_read',
  );
  const userIds = [...new Set(employees.map((e) => m2oId(e.user_id)).filter((id): id is number => id !== null))];
  const users = userIds.length === 0 ? [] : parseReply(z.array(UserSchema), await odoo.call('res.users', 'read', [userIds], { fields: ['lang'] }), 'res.users read');
  const langs = new Map(users.map((u) => [u.id, languageOfOdoo(u.lang)]));
  const supervisorUsers = await usersInGroups(odoo, userIds, opts);
  const badges = new Set(opts.supervisorBadges.map((b) => b.toLowerCase()));
  const seen = new Set<string>();
  const people: OdooPerson[] = [];
  for (const e of employees) {
    const badge = e.barcode === false ? '' : e.barcode.trim();
    const userId = m2oId(e.user_id);
    // Odoo keeps badges unique per company; across companies two may collide, and a scan must name one person.
    if (badge === '' || seen.has(badge.toLowerCase())) {
      if (badge !== '') opts.log?.warn({ employee: e.id }, 'badge used by two employees: the second is left out');
      continue;
    }
    seen.add(badge.toLowerCase());
    const supervisor = badges.has(badge.toLowerCase()) || (userId !== null && supervisorUsers.has(userId));
    const pin = e.pin !== false && PIN_PAD.test(e.pin) ? e.pin : null;
    people.push({ id: `employee:${e.id}`, name: e.name, badge, role: supervisor ? 'supervisor' : 'packer', language: userId === null ? null : (langs.get(userId) ?? null), pin });
  }
  return people;
}

async function usersInGroups(odoo: OdooExec, userIds: readonly number[], opts: PeopleReadOptions): Promise<Set<number>> {
  if (userIds.length === 0 || opts.supervisorGroups.length === 0) return new Set();
  const groupIds: number[] = [];
  for (const xmlId of opts.supervisorGroups) {
    const id = await groupId(odoo, xmlId, opts.log);
    if (id !== null) groupIds.push(id);
  }
  if (groupIds.length === 0) return new Set();
  const field = odoo.major >= 19 ? 'all_group_ids' : 'groups_id';
  const ids = parseReply(z.array(z.number().int()), await odoo.call('res.users', 'search', [[['id', 'in', userIds], [field, 'in', groupIds]]]), 'res.users search');
  return new Set(ids);
}

/** A group's id by XML id; null (and a warning) when Odoo has no such group, so one typo does not stop every sign-in. */
async function groupId(odoo: OdooExec, xmlId: string, log: LogSink | undefined): Promise<number | null> {
  const dot = xmlId.indexOf('.');
  if (dot <= 0) {
    log?.warn({ group: xmlId }, 'people.supervisorGroups: not an XML id like stock.group_stock_manager');
    return null;
  }
  try {
    const [model, id] = parseReply(
      XmlIdReply,
      await odoo.call('ir.model.data', 'check_object_reference', [], { module: xmlId.slice(0, dot), xml_id: xmlId.slice(dot + 1) }),
      'ir.model.data check_object_reference',
    );
    if (model === 'res.groups' && id !== false) return id;
    log?.warn({ group: xmlId, model }, 'people.supervisorGroups: not a group the API user can read');
    return null;
  } catch (error) {
    // "External ID not found in the system" is Odoo's ValueError: the request, not the link, failed.
    if (isStationError(error) && error.code === 'REJECTED') {
      log?.warn({ group: xmlId, err: error.message }, 'people.supervisorGroups: no such group in Odoo');
      return null;
    }
    throw error;
  }
}
