import { z } from 'zod';

/**
 * Odoo sends and compares datetimes as naive UTC strings, 'YYYY-MM-DD HH:MM:SS' (DEFAULT_SERVER_DATETIME_FORMAT),
 * never with a zone or milliseconds; such strings order correctly as text.
 */
export const OdooDatetimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'an Odoo UTC datetime (YYYY-MM-DD HH:MM:SS)');

export const toOdooDatetime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export const fromOdooDatetime = (value: string): number => Date.parse(`${value.replace(' ', 'T')}Z`);

/** The later of two Odoo datetimes (either may be missing). */
export const laterOf = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);
