import { fromPromise } from 'xstate';
import type { LoadedPicking, Parcel, Picking, PickingProgress, PrintJob, Shipment } from '../../app/domain';
import { StationError, errorMessage, isStationError, isUnreachable } from '../../app/domain/errors';
import type { CarrierGateway, ClaimOutcome, Clock, Ledger, OdooGateway, PickingCache, PickingClaimHolder, PickingClaims } from '../../app/ports';
import type { CarrierExceptionQueue } from '../../app/carrier.ports';
import type { PickingFacts } from '../../app/domain/picking-basis.schema';
import { basisOf } from '../../app/sync/picking-drift';
import { forThePacker } from '../../sync/http/request-lane';
import type { StationConfig } from '../../app/domain/station-config.schema';
import { createPrintActors, type PrintActorDeps } from './print.actors';
import { CarrierRefusals } from './carrier-refusals';

export interface PackingActorDeps {
  odoo: OdooGateway;
  carrier: CarrierGateway;
  /** The one owner of each picking's progress; every record also queues its outbox event (the sync engine hears it). */
  ledger: Ledger;
  cache: PickingCache;
  config: Pick<StationConfig, 'carrier'>;
  /** Where a parcel the carrier desk will not label is raised for a supervisor (and resolved once it is labelled). */
  exceptions: CarrierExceptionQueue;
  /** Times carrier outages (`carrier.downAfterMinutes`). */
  clock: Clock;
  /** The spooler and what the printing effects need; labels are bought at the printer's dpi. */
  printing: PrintActorDeps;
  /** This station's claims in Odoo (none: `odoo.claims.enabled` is false); minutes a claim lives unconfirmed. */
  claims?: { port: PickingClaims; ttlMinutes: number };
  /** Where what a picking was packed against is kept, for the sync engine's conflict check. */
  basis?: { record(facts: PickingFacts): void };
}

const clock = (ms: number): string => new Date(ms).toTimeString().slice(0, 5);

/** What the packer at a second station is told about a picking another station holds. */
export function heldMessage(name: string, by: PickingClaimHolder, ttlMinutes: number): string {
  return (
    `${name} is being packed at station ${by.stationId} (since ${clock(by.since)}, last seen ${clock(by.lastSeen)}). ` +
    `Nothing is packed here until it is done there, its claim expires (${clock(by.lastSeen + ttlMinutes * 60_000)}), ` +
    `or someone marks its "Packing at station ${by.stationId}" activity done in Odoo; then scan it again.`
  );
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
  const { odoo, carrier, ledger, cache, exceptions, clock } = deps;
  const printing = createPrintActors(deps.printing);
  const refusals = new CarrierRefusals(exceptions, clock, deps.config.carrier.downAfterMinutes * 60_000);

  const progressOf = (pickingId: number): PickingProgress => {
    const recorded = ledger.progress(pickingId);
    const jobs = labelJobsByParcel(deps.printing.spooler.jobs({ pickingId }));
    return { packed: recorded.packed, parcels: recorded.parcels.map((p) => ({ ...p, labelJob: jobs.get(p.parcel.index) ?? null })) };
  };

  /**
   * Claims the picking in Odoo; held by another station → CONFLICT. A claim that could not be made for a passing
   * reason (Odoo unreachable, a 500) does not stop the packer: the picking is packed unclaimed, and the sync engine's
   * conflict check still stops a write over another station's work. Odoo refusing the claim itself (no access to
   * activities) is a setup error, said as such.
   */
  const claim = async (picking: Picking): Promise<void> => {
    if (!deps.claims) return;
    let outcome: ClaimOutcome;
    try {
      outcome = await deps.claims.port.claim(picking.id);
    } catch (error) {
      if (isStationError(error) && error.retryable) return;
      throw new StationError(isStationError(error) ? error.code : 'REJECTED', `Odoo refused this station's claim on ${picking.name} (set odoo.claims.enabled to false to pack without claims): ${errorMessage(error)}`, { cause: error });
    }
    if (outcome.kind === 'held') throw new StationError('CONFLICT', heldMessage(picking.name, outcome.by, deps.claims.ttlMinutes));
  };

  const findPicking = async (scan: string): Promise<Picking> => {
    try {
      const picking = await odoo.findPicking(scan);
      if (!picking) throw new StationError('NOT_FOUND', `No open picking "${scan}" in Odoo`);
      cache.cachePicking(picking);
      await claim(picking);
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

  /**
   * When the picking on the bench was first scanned, for time per picking: kept here, where the clock is, so the
   * machine stays pure. Scanned again while it is the bench's picking, it keeps its first scan; the ledger keeps its
   * first parcel's time when that is earlier (a restart, or another picking in between).
   */
  let scanned: { pickingId: number; at: number } | null = null;

  /** The picking with what this station already did for it, so the machine resumes instead of starting again. */
  const loadPicking = fromPromise<LoadedPicking, { scan: string }>(async ({ input }) => {
    const at = clock.now();
    const picking = await forThePacker(() => findPicking(input.scan));
    if (scanned?.pickingId !== picking.id) scanned = { pickingId: picking.id, at };
    deps.basis?.record(basisOf(picking));
    return { picking, progress: progressOf(picking.id) };
  });

  const recordParcel = fromPromise<void, { picking: Picking; parcel: Parcel }>(async ({ input }) => {
    ledger.recordParcelPacked(input.parcel);
  });

  /**
   * A refusal, or an outage longer than `carrier.downAfterMinutes`, is raised in the exception queue and sets the parcel
   * aside (carrier-refusals.ts); the label bought later resolves the parcel's exceptions in the same transaction.
   */
  const buyLabel = fromPromise<Shipment, { picking: Picking; parcel: Parcel }>(async ({ input }) => {
    const { picking, parcel } = input;
    const reference = parcelReference(picking, parcel.index);
    const known = ledger.shipmentFor(reference);
    if (known?.shipment) return known.shipment;
    const packageType = picking.packageTypes.find((t) => t.id === parcel.packageTypeId) ?? null;
    const startedAt = clock.now();
    let shipment: Shipment;
    try {
      shipment = await forThePacker(() => carrier.buyLabel(
        {
          reference,
          from: picking.warehouse,
          to: picking.partner,
          parcel: { weightG: parcel.weightG, packageType },
          labelDpi: deps.printing.dpi(),
          services: deps.config.carrier.services,
          odooCarrier: picking.carrier?.name ?? null,
          deadline: picking.deadline ?? null,
        },
        known?.shipmentId,
      ));
    } catch (error) {
      throw refusals.failed(error, startedAt, { pickingId: picking.id, pickingName: picking.name, parcelIndex: parcel.index });
    }
    refusals.answered();
    ledger.atomically(() => {
      ledger.recordLabelBought(picking.id, parcel.index, reference, shipment);
      exceptions.resolveParcel(picking.id, parcel.index, 'station', 'label bought');
    });
    return shipment;
  });

  /** The validation and the station's extra labels are queued in one transaction, once. */
  const finishPicking = fromPromise<void, { picking: Picking }>(async ({ input }) => {
    const { picking } = input;
    ledger.atomically(() => {
      if (!ledger.recordPickingPacked(picking.id, scanned?.pickingId === picking.id ? scanned.at : null)) return;
      printing.queueExtras(picking, ledger.progress(picking.id).parcels.map((p) => p.parcel));
    });
  });

  const { submitLabel, retryPrint, reprintLabel } = printing;
  return { loadPicking, recordParcel, buyLabel, submitLabel, retryPrint, reprintLabel, finishPicking };
}
