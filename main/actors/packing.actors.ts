import { fromPromise } from 'xstate';
import type { LoadedPicking, Parcel, Picking, PickingProgress, PrintJob, Shipment } from '../../app/domain';
import { StationError, isUnreachable } from '../../app/domain/errors';
import type { CarrierGateway, Ledger, OdooGateway, PickingCache } from '../../app/ports';
import type { StationConfig } from '../../app/domain/station-config.schema';
import { createPrintActors, type PrintActorDeps } from './print.actors';

export interface PackingActorDeps {
  odoo: OdooGateway;
  carrier: CarrierGateway;
  /** The one owner of each picking's progress; every record also queues its outbox event (the sync engine hears it). */
  ledger: Ledger;
  cache: PickingCache;
  config: Pick<StationConfig, 'carrier'>;
  /** The spooler and what the printing effects need; labels are bought at the printer's dpi. */
  printing: PrintActorDeps;
}

/** Carrier idempotency reference of a parcel; also the key of the shipment row in the ledger. */
export const parcelReference = (picking: Picking, parcelIndex: number): string => `${picking.name}#${parcelIndex}`;

/** The latest shipping-label job of each parcel (a reprint replaces the job it reprints). */
function labelJobsByParcel(jobs: readonly PrintJob[]): Map<number, PrintJob> {
  const latest = new Map<number, PrintJob>();
  for (const job of jobs) {
    if (job.kind !== 'shipping-label' || job.parcelIndex === null) continue;
    const known = latest.get(job.parcelIndex);
    if (known === undefined || job.createdAt >= known.createdAt) latest.set(job.parcelIndex, job);
  }
  return latest;
}

/** The real effects of the packing machine, provided to it with `machine.provide({ actors })`. */
export function createPackingActors(deps: PackingActorDeps) {
  const { odoo, carrier, ledger, cache } = deps;
  const printing = createPrintActors(deps.printing);

  const progressOf = (pickingId: number): PickingProgress => {
    const recorded = ledger.progress(pickingId);
    const jobs = labelJobsByParcel(deps.printing.spooler.jobs({ pickingId }));
    return { packed: recorded.packed, parcels: recorded.parcels.map((p) => ({ ...p, labelJob: jobs.get(p.parcel.index) ?? null })) };
  };

  const findPicking = async (scan: string): Promise<Picking> => {
    try {
      const picking = await odoo.findPicking(scan);
      if (!picking) throw new StationError('NOT_FOUND', `No open picking "${scan}" in Odoo`);
      cache.cachePicking(picking);
      return picking;
    } catch (error) {
      // Offline first: a picking this station holds is packed from its copy; its events queue in the outbox.
      if (isUnreachable(error)) {
        const cached = cache.cachedPicking(scan);
        if (cached) return cached;
        throw new StationError(error.code, `Odoo is unreachable and "${scan}" is not cached: ${error.message}`, { cause: error });
      }
      throw error;
    }
  };

  /** The picking with what this station already did for it, so the machine resumes instead of starting again. */
  const loadPicking = fromPromise<LoadedPicking, { scan: string }>(async ({ input }) => {
    const picking = await findPicking(input.scan);
    return { picking, progress: progressOf(picking.id) };
  });

  const recordParcel = fromPromise<void, { picking: Picking; parcel: Parcel }>(async ({ input }) => {
    ledger.recordParcelPacked(input.parcel);
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
    ledger.recordLabelBought(picking.id, parcel.index, reference, shipment);
    return shipment;
  });

  /** The validation and the station's extra labels are queued in one transaction, once. */
  const finishPicking = fromPromise<void, { picking: Picking }>(async ({ input }) => {
    const { picking } = input;
    ledger.atomically(() => {
      if (!ledger.recordPickingPacked(picking.id)) return;
      printing.queueExtras(picking, ledger.progress(picking.id).parcels.map((p) => p.parcel));
    });
  });

  const { submitLabel, retryPrint, reprintLabel } = printing;
  return { loadPicking, recordParcel, buyLabel, submitLabel, retryPrint, reprintLabel, finishPicking };
}
