import type { CarrierExceptionKind } from '../../../app/domain/carrier.schema';

/** The queue's kinds in the words the bench and the supervisor use: their catalogue keys. */
export const carrierExceptionKindKey = (kind: CarrierExceptionKind): string => `supervisor.exceptionKind.${kind}`;
