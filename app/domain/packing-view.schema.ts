import { z } from 'zod';
import { SaySchema } from '../i18n/language';
import { ScaleReadingSchema } from './device.schema';
import { PrintJobSchema } from './print-job.schema';
import { CarrierExceptionKindSchema } from './carrier.schema';

/** A parcel the carrier desk refused (or could not reach): it stays recorded without a label and waits aside. */
export const SetAsideSchema = z.object({
  kind: CarrierExceptionKindSchema,
  pickingName: z.string(),
  parcelIndex: z.number().int().positive(),
  detail: z.string(),
  suggestedAction: z.string(),
  /** Its entry in the carrier exception queue, when the station raised one. */
  exceptionId: z.number().int().nullable(),
});
export type SetAside = z.infer<typeof SetAsideSchema>;

export const AlertKindSchema = z.enum(['wrongItem', 'overQuantity', 'unknownBarcode', 'weightImplausible', 'printerFault', 'carrierFault', 'otherError']);
export type AlertKind = z.infer<typeof AlertKindSchema>;
export const AlertSchema = z.object({ kind: AlertKindSchema, at: z.number(), mustAct: z.boolean() });
export type Alert = z.infer<typeof AlertSchema>;

/** What the packer screen shows; derived from the packing machine's snapshot. */
export const PackingViewSchema = z.object({
  state: z.string(),
  /** Big instruction or error for the packer, in English (logs, status, tests). */
  message: z.string(),
  /** The same as a catalogue key, for the screen to show in the packer's language. */
  say: SaySchema.nullable().optional(),
  tone: z.enum(['info', 'progress', 'success', 'error', 'warning']),
  picking: z
    .object({
      id: z.number().int(),
      name: z.string(),
      partnerName: z.string(),
      carrierName: z.string().nullable(),
      lines: z.array(
        z.object({
          moveId: z.number().int(),
          productName: z.string(),
          barcode: z.string().nullable(),
          expected: z.number(),
          scanned: z.number(),
          inCurrentParcel: z.number(),
        }),
      ),
      parcelIndex: z.number().int(),
    })
    .nullable(),
  weight: ScaleReadingSchema.nullable(),
  expectedWeightG: z.number().nullable(),
  lastLabel: z.object({ trackingCode: z.string(), parcelIndex: z.number().int(), pickingName: z.string() }).nullable(),
  /** The label job of the current parcel while it prints, waits on a fault, or awaits "did it print?". */
  printJob: PrintJobSchema.nullable().default(null),
  /** Why the last scan was not used (refused input, a state that cannot take it); null once a scan is used. */
  notice: z.string().nullable().default(null),
  noticeSay: SaySchema.nullable().optional(),
  /**
   * An error the packer must hear and see (sound, full-screen flash). `at` tells one occurrence from the next (the
   * same wrong item scanned twice is two alerts); `mustAct`: the sound repeats until acknowledged (key or barcode).
   */
  alert: AlertSchema.nullable().optional(),
  /** Present while the packer is told to set the current parcel aside (state `setAside`). */
  setAside: SetAsideSchema.nullable().optional(),
  /** Commands the packer may give now (buttons and command barcodes). */
  actions: z.array(z.enum(['retry', 'cancel', 'pack', 'reprint'])),
});
export type PackingView = z.infer<typeof PackingViewSchema>;
