import { CarrierExceptionKindSchema, type CarrierExceptionKind } from '../../../app/domain/carrier.schema';
import { translator } from '../../../app/i18n/catalogues';

/** The queue's kinds in the words the bench and the supervisor use: their catalogue keys. */
export const carrierExceptionKindKey = (kind: CarrierExceptionKind): string => `supervisor.exceptionKind.${kind}`;

/** The same in English, for a screen that does not speak the reader's language yet. */
export const CARRIER_EXCEPTION_LABEL = Object.fromEntries(
  CarrierExceptionKindSchema.options.map((kind) => [kind, translator.t(carrierExceptionKindKey(kind), { language: 'en', weightUnits: 'metric' })]),
) as Record<CarrierExceptionKind, string>;
