import { fromPromise } from 'xstate';
import type { Parcel, Picking, Shipment } from '../../app/domain';
import { StationError, isUnreachable } from '../../app/domain/errors';
import type { CarrierGateway, Ledger, OdooGateway } from '../../app/ports';
import type { StationConfig } from '../../app/domain/station-config.schema';
import { createPrintActors, type PrintActorDeps } from './print.actors';

export interface PackingActorDeps {
  odoo: OdooGateway;
  carrier: CarrierGateway;
  ledger: Ledger;
  config: Pick<StationConfig, 'carrier'>;
  /** Wakes the sync engine after a new outbox event. */
  kickSync: () => void;
  /** The spooler and what the printing effects need; labels are bought at the printer's dpi. */
  printing: PrintActorDeps;
}

/** Carrier idempotency reference of a parcel; also the key of the shipment row in the ledger. */
export const parcelReference = (picking: Picking, parcelIndex: number): string => `${picking.name}#${parcelIndex}`;

/** The real effects of the packing machine, provided to it with `machine.provide({ actors })`. */
export function createPackingActors(deps: PackingActorDeps) {
  const { odoo, carrier, ledger, kickSync } = deps;
  const printing = createPrintActors(deps.printing);

  const loadPicking = fromPromise<Picking, { scan: string }>(async ({ input }) => {
    try {
      const picking = await odoo.findPicking(input.scan);
      if (!picking) throw new StationError('NOT_FOUND', `No open picking "${input.scan}" in Odoo`);
      ledger.cachePicking(picking);
      return picking;
    } catch (error) {
      // Offline first: a picking seen before is packed from the local cache; its events queue in the outbox.
      if (isUnreachable(error)) {
        const cached = ledger.cachedPicking(input.scan);
        if (cached) return cached;
        throw new StationError(error.code, `Odoo is unreachable and "${input.scan}" is not cached: ${error.message}`, { cause: error });
      }
      throw error;
    }
  });

  const recordParcel = fromPromise<void, { picking: Picking; parcel: Parcel }>(async ({ input }) => {
    ledger.recordParcelPacked(input.picking, input.parcel);
    kickSync();
  });

  const buyLabel = fromPromise<Shipment, { picking: Picking; parcel: Parcel }>(async ({ input }) => {
    const { picking, parcel } = input;
    const reference = parcelReference(picking, parcel.index);
    const known = ledger.shipmentFor(reference);
    if (known?.shipment) return known.shipment;
    const packageType = picking.packageTypes.find((t) => t.id === parcel.packageTypeId) ?? null;
    const shipment = await carrier.buyLabel(
      {
        reference,
        from: picking.warehouse,
        to: picking.partner,
        parcel: { weightG: parcel.weightG, packageType },
        labelDpi: deps.printing.dpi(),
        services: deps.config.carrier.services,
      },
      known?.shipmentId,
    );
    ledger.recordLabelBought(picking, parcel.index, reference, shipment);
    kickSync();
    return shipment;
  });

  const finishPicking = fromPromise<void, { picking: Picking }>(async ({ input }) => {
    ledger.recordPickingPacked(input.picking);
    kickSync();
    printing.printExtras(input.picking);
  });

  const { submitLabel, retryPrint, reprintLabel } = printing;
  return { loadPicking, recordParcel, buyLabel, submitLabel, retryPrint, reprintLabel, finishPicking };
}
