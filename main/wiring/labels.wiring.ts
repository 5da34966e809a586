/**
 * The supervisor's label channels (the labels bought and voided; a void with who and why), and the voids the station
 * makes by itself when it learns that a picking was cancelled in Odoo after its labels were bought.
 */
import type { VoidedLabel, VoidRequest } from '../../app/domain/label-record.schema';
import type { LogSink } from '../../app/ports';
import type { VoidedLabelsStore } from '../../sync/outbox/voided-labels.store';
import type { CoreBackend } from '../station-core';

export type LabelChannels = Pick<CoreBackend, 'labels' | 'voidLabel'>;

export interface LabelVoider {
  voidLabel(request: VoidRequest): VoidedLabel;
  voidPickingLabels(pickingId: number, reason: string, by: string): VoidedLabel[];
}

export interface LabelDeps {
  /** The ledger: a void is one of its transactions (the sync engine hears the events it queues). */
  ledger: LabelVoider;
  labels: Pick<VoidedLabelsStore, 'bought' | 'voided'>;
  log: LogSink;
}

export function createLabelChannels(deps: LabelDeps): LabelChannels {
  return {
    labels: (limit) => ({ bought: deps.labels.bought(limit), voided: deps.labels.voided(limit) }),
    voidLabel: (reference, who, reason) => {
      const voided = deps.ledger.voidLabel({ reference, reason, by: who });
      deps.log.info({ reference, shipmentId: voided.shipmentId, who, reason, via: 'ui' }, 'label voided');
      return voided;
    },
  };
}

export const CANCELLED_IN_ODOO = 'picking cancelled in Odoo';

/** For the picking prefetch: the labels of pickings Odoo shows cancelled are voided (nobody will ship them). */
export function voidCancelledPickings(deps: Pick<LabelDeps, 'ledger' | 'log'>): (pickingIds: number[]) => void {
  return (pickingIds) => {
    for (const pickingId of pickingIds) {
      const voided = deps.ledger.voidPickingLabels(pickingId, CANCELLED_IN_ODOO, 'station');
      if (voided.length > 0) deps.log.info({ pickingId, references: voided.map((v) => v.reference) }, 'labels of a picking cancelled in Odoo voided');
    }
  };
}
