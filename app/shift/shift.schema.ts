import { z } from 'zod';
import { PersonRefSchema } from '../people/person.schema';

/** One hour of the shift: what was packed in it (the panel's small chart). */
export const ShiftHourSchema = z.object({ hourStart: z.number(), parcels: z.number().int().nonnegative(), pickings: z.number().int().nonnegative() });

/** The same counts for the whole station and for each packer. */
export const ShiftTotalsSchema = z.object({
  parcels: z.number().int().nonnegative(),
  pickings: z.number().int().nonnegative(),
  parcelsPerHour: z.number().nonnegative(),
  pickingsPerHour: z.number().nonnegative(),
  /** Median from a picking's first scan to its last label, over the pickings finished in the shift; null with none. */
  medianPickingMs: z.number().nonnegative().nullable(),
  /** Exceptions the packer met (set-asides, carrier exceptions, print faults, refused scans that needed action). */
  exceptions: z.number().int().nonnegative(),
  reprints: z.number().int().nonnegative(),
});
export type ShiftTotals = z.infer<typeof ShiftTotalsSchema>;

/**
 * The current shift's figures at one station. A shift is the configured window (`people.shifts`), else the last
 * `people.shiftHours` hours; per-hour rates divide by the hours elapsed in it (at least a quarter hour).
 */
export const ShiftFiguresSchema = z.object({
  stationId: z.string(),
  from: z.number(),
  until: z.number(),
  station: ShiftTotalsSchema,
  packers: z.array(z.object({ person: PersonRefSchema, totals: ShiftTotalsSchema })),
  hours: z.array(ShiftHourSchema),
});
export type ShiftFigures = z.infer<typeof ShiftFiguresSchema>;
