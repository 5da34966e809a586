import { z } from 'zod';
import { LanguageSchema } from '../i18n/language';

/** A packer packs; a supervisor also opens the supervisor panel and gives its commands. */
export const RoleSchema = z.enum(['packer', 'supervisor']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * Who a record names: a stable id (`employee:<hr.employee id>`, `user:<res.users id>`, or `station:<station id>` when
 * sign-in is off) and the name shown then. Records keep both, so a renamed employee's old records still read right.
 */
export const PersonRefSchema = z.object({ id: z.string().min(1).max(120), name: z.string().min(1).max(120) });
export type PersonRef = z.infer<typeof PersonRefSchema>;

/** Someone who may sign in at the station, as read from Odoo (and cached for offline use). */
export const PersonSchema = PersonRefSchema.extend({
  /** What their badge scans as (hr.employee `barcode`). Compared without case, like scans. */
  badge: z.string().min(1).max(120),
  role: RoleSchema,
  /** Their language in Odoo (`lang`, e.g. de_DE → de) when the station speaks it; null = the station's language. */
  language: LanguageSchema.nullable(),
  /** Whether a PIN is asked after the badge (supervisors always; the PIN itself is never sent to the screen). */
  hasPin: z.boolean(),
});
export type Person = z.infer<typeof PersonSchema>;

/** One line per record, e.g. in an audit's `who` column: `Anna Keller (employee:12)`. */
export const personLabel = (ref: PersonRef): string => `${ref.name} (${ref.id})`;

/** The one who answers for records when sign-in is off at this station (`people.signIn: "off"`). */
export const stationPerson = (stationId: string): PersonRef => ({ id: `station:${stationId}`, name: stationId });

/**
 * The station's session as the screen sees it. `awaitingPin`: a supervisor's badge was scanned and the PIN is asked
 * before the panel opens. `idleSignOutAt`: when the station signs the person out unless something happens first.
 */
export const SessionViewSchema = z.object({
  signIn: z.enum(['required', 'off']),
  person: PersonRefSchema.nullable(),
  role: RoleSchema.nullable(),
  language: LanguageSchema.nullable(),
  since: z.number().nullable(),
  awaitingPin: PersonRefSchema.nullable(),
  idleSignOutAt: z.number().nullable(),
  /** Why the last badge/PIN was refused (unknown badge, wrong PIN, locked for a while), as a catalogue key. */
  refusal: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).default({}) }).nullable(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;
