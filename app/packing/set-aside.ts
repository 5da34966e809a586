/**
 * A parcel the carrier desk would not label (refused as asked, or the platform down for too long): it stays recorded
 * without a label, the packer puts it aside and goes on with the next picking. Scanning its picking again later
 * resumes at buying its label (resume.ts), once a supervisor has dealt with the exception.
 */
import { z } from 'zod';
import { CarrierProblemSchema } from '../domain/carrier.schema';
import { isStationError } from '../domain/errors';
import type { SetAside } from '../domain/packing-view.schema';
import { say, type Say } from '../i18n/language';
import type { PackingContext } from './packing.types';

/** What the purchase actor puts in `StationError.detail` (see CarrierGateway.buyLabel and the packing actors). */
const RefusalDetailSchema = z.object({
  carrierException: CarrierProblemSchema,
  exceptionId: z.number().int().optional(),
});

/** The carrier problem an effect failed with; null for any other failure (those keep the carrierFailed retry). */
export function carrierRefusalOf(error: unknown): z.infer<typeof RefusalDetailSchema> | null {
  if (!isStationError(error)) return null;
  const parsed = RefusalDetailSchema.safeParse(error.detail);
  return parsed.success ? parsed.data : null;
}

export function setParcelAside(context: PackingContext, error: unknown): Partial<PackingContext> {
  const refusal = carrierRefusalOf(error);
  if (refusal === null || context.picking === null) return {};
  return {
    setAside: {
      ...refusal.carrierException,
      pickingName: context.picking.name,
      parcelIndex: context.parcelIndex,
      exceptionId: refusal.exceptionId ?? null,
    },
  };
}

const sentence = (text: string): string => text.trim().replace(/[.\s]+$/, '');

/** The carrier's detail and suggested action are its own words (or the station's checks'): shown as they are. */
export function setAsideSay(aside: SetAside): Say {
  return say('packing.setAside', {
    parcel: aside.parcelIndex,
    picking: aside.pickingName,
    detail: sentence(aside.detail),
    action: sentence(aside.suggestedAction),
  });
}
