import { z } from 'zod';
import { LanguageSchema, WeightUnitsSchema } from '../i18n/language';

/**
 * Who works at the station (README "Sign-in"). Packers sign in by scanning their badge (an Odoo employee's `barcode`,
 * read from Odoo and cached), out by scanning it again, the sign-out command or after `idleSignOutMinutes` without a
 * scan or key. Supervisors are employees whose badge is listed in `supervisorBadges`, or whose Odoo user is in one
 * of `supervisorGroups`; after the badge they type a PIN: their Odoo employee PIN when it has one, else
 * `supervisorPinHash` (`station people pin` prints one; never the PIN itself in the file).
 * `signIn: "off"`: a one-person bench; the station itself answers for its records and opens the supervisor panel.
 */
export const PeopleConfigSchema = z
  .strictObject({
    signIn: z.enum(['required', 'off']).default('required'),
    /** Fractions are taken (0.1 = 6 s), for trying the idle sign-out out. */
    idleSignOutMinutes: z.number().min(0.05).max(24 * 60).default(20),
    supervisorBadges: z.array(z.string().min(1).max(120)).default([]),
    supervisorGroups: z.array(z.string().min(1)).default(['stock.group_stock_manager']),
    supervisorPinHash: z
      .string()
      .regex(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/, 'supervisorPinHash must be scrypt$<salt hex 32>$<hash hex 64> (station people pin)')
      .nullable()
      .default(null),
    /** How often the people cache is read again from Odoo. */
    refreshMinutes: z.number().int().min(1).default(60),
    /** Wrong PINs in a row before PIN entry is refused for a minute. */
    maxPinAttempts: z.number().int().min(1).max(20).default(5),
    /** The shift the panel's figures cover: the last this many hours. */
    shiftHours: z.number().min(1).max(24).default(8),
  })
  .prefault({});
export type PeopleConfig = z.infer<typeof PeopleConfigSchema>;

/** What the screen speaks and how it sounds (`ui` section of station.json). */
export const DisplayConfigShape = {
  language: LanguageSchema.default('en'),
  weightUnits: WeightUnitsSchema.default('metric'),
  /** Initial sound settings; the volume and mute set at the station (ui:feedback) are kept in its database and win. */
  sound: z.strictObject({ volume: z.number().min(0).max(1).default(0.8), muted: z.boolean().default(false) }).prefault({}),
};
