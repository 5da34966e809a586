import { z } from 'zod';

export const DeviceStateSchema = z.enum(['connecting', 'connected', 'disconnected', 'silent', 'fault']);
export type DeviceState = z.infer<typeof DeviceStateSchema>;

/** One weight from the scale, normalised to grams. */
export const ScaleReadingSchema = z.object({
  grams: z.number(),
  stable: z.boolean(),
  /** Clock time the frame was parsed (ms). */
  at: z.number(),
  /** The scale's display step in grams (e.g. 0.5 g, 2 g), when the protocol tells it. */
  resolutionG: z.number().positive().optional(),
});
export type ScaleReading = z.infer<typeof ScaleReadingSchema>;

export const PrinterFaultSchema = z.enum([
  'paper_out',
  'ribbon_out',
  'head_open',
  'paused',
  'buffer_full',
  'over_temperature',
  'under_temperature',
  'no_answer',
  'unreachable',
]);
export type PrinterFault = z.infer<typeof PrinterFaultSchema>;

export const PrinterStatusSchema = z.object({
  ready: z.boolean(),
  faults: z.array(PrinterFaultSchema),
  labelsWaiting: z.number().int().nonnegative().optional(),
});
export type PrinterStatus = z.infer<typeof PrinterStatusSchema>;

export const DeviceHealthSchema = z.object({
  state: DeviceStateSchema,
  detail: z.string().optional(),
  since: z.number(),
});
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>;
