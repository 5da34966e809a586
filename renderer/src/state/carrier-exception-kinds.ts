import type { CarrierExceptionKind } from '../../../app/domain/carrier.schema';

/** The queue's kinds in the words the bench and the supervisor use. */
export const CARRIER_EXCEPTION_LABEL: Record<CarrierExceptionKind, string> = {
  address_invalid: 'Address invalid',
  data_missing: 'Data missing',
  weight_limit: 'Weight limit',
  service_unavailable: 'No service',
  price_ceiling: 'Above price ceiling',
  duplicate_label: 'Duplicate label',
  carrier_down: 'Carrier down',
  void_rejected: 'Void rejected',
};
