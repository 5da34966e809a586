/**
 * The supervisor's carrier exception channels on the station's own queue: the open exceptions with the recently
 * resolved ones, and resolving one with who and what was done.
 */
import { StationError } from '../../app/domain/errors';
import type { LogSink } from '../../app/ports';
import type { SqliteCarrierExceptions } from '../../sync/outbox/carrier-exceptions.store';
import type { CoreBackend } from '../station-core';

export type CarrierExceptionChannels = Pick<CoreBackend, 'carrierExceptions' | 'resolveCarrierException'>;

export interface CarrierExceptionDeps {
  queue: SqliteCarrierExceptions;
  log: LogSink;
  /** After a resolution: push the new status (its open count). */
  onChange(): void;
}

export function createCarrierExceptionChannels(deps: CarrierExceptionDeps): CarrierExceptionChannels {
  const { queue } = deps;
  return {
    carrierExceptions: (limit) => ({ open: queue.open(), resolved: queue.resolved(limit) }),
    resolveCarrierException: (id, who, resolution) => {
      if (!queue.resolve(id, who, resolution)) throw new StationError('NOT_FOUND', `no open carrier exception ${id}`);
      deps.log.info({ carrierExceptionId: id, who, resolution, via: 'ui' }, 'carrier exception resolved');
      deps.onChange();
    },
  };
}
