/**
 * Return labels on demand: for a picking the station knows, buy a label that brings the parcel back (reference
 * `<picking>#R<n>`), print it on the label printer and have Odoo keep a copy. The purchase goes through the same
 * carrier desk as outbound labels (checks, the station's rate policy, two phases: the shipment id is in the ledger
 * before the purchase, and an interrupted purchase is resumed under the same reference — the next request for the
 * picking takes it up — instead of bought again).
 */
import { errorMessage, StationError } from '../../app/domain/errors';
import type { Dpi, Label, PackageType, Parcel, Picking, PrintRequest, Shipment } from '../../app/domain';
import type { ReturnLabelRecord } from '../../app/domain/shipping-day.schema';
import type { CarrierGateway, Clock, ShipmentRequest } from '../../app/ports';
import type { ReturnLabelStore } from '../outbox/return-labels.store';

export interface ReturnLabelDeps {
  /**
   * The carrier desk (shipping-desk.ts) the packing flow buys through: checks, rate policy, and the shipment id in the
   * ledger (its `onShipmentCreated`) before each purchase, so an interrupted one is resumed, never bought twice.
   */
  desk: Pick<CarrierGateway, 'buyLabel'>;
  /** The station's legacy preferred services (`carrier.services`), sent with each request as the packing flow does. */
  services: readonly string[];
  store: ReturnLabelStore;
  /** The picking with its addresses: the station's own copy first, else Odoo (by id when the station knows it). */
  pickings: { cached(scan: string): Picking | null; load(ref: { id: number } | { scan: string }): Promise<Picking | null> };
  printer: { dpi(): Dpi; fitLabel(label: Label, dpi: Dpi): Label; submit(request: PrintRequest): string };
  clock: Pick<Clock, 'now'>;
}

export interface ReturnLabelResult {
  label: ReturnLabelRecord;
  printJobId: string | null;
  /** Bought and recorded, but the printer cannot print this label (reprint it from the print jobs once fixed). */
  printError: string | null;
}

const FAILURES_KEPT = 20;

/** The box the return goes in: the heaviest recorded parcel's (a label priced for it covers any of them). */
export function returnParcel(picking: Picking, parcels: readonly Parcel[], weightG?: number): ShipmentRequest['parcel'] {
  const heaviest = [...parcels].sort((a, b) => b.weightG - a.weightG)[0];
  const typeId = heaviest?.packageTypeId ?? picking.defaultPackageTypeId;
  const packageType: PackageType | null = picking.packageTypes.find((t) => t.id === typeId) ?? null;
  const contents = picking.lines.reduce((sum, l) => sum + l.quantity * l.unitWeightG, 0);
  const weight = weightG ?? heaviest?.weightG ?? contents + (packageType?.tareG ?? 0);
  if (!(weight > 0)) {
    throw new StationError('REJECTED', `no weight is known for a return of ${picking.name} (no parcel recorded, no product weights): give the weight`);
  }
  return { weightG: weight, packageType };
}

export class ReturnLabels {
  private readonly busy = new Set<number>();
  private readonly failures: { picking: string; at: number; error: string }[] = [];

  constructor(private readonly deps: ReturnLabelDeps) {}

  /** Buys (or resumes) one return label for the picking named or numbered by `scan`, then prints it. */
  async buy(scan: string, opts: { weightG?: number } = {}): Promise<ReturnLabelResult> {
    try {
      const picking = await this.picking(scan);
      if (this.busy.has(picking.id)) throw new StationError('REJECTED', `a return label for ${picking.name} is being bought already`);
      this.busy.add(picking.id);
      try {
        return await this.buyFor(picking, opts.weightG);
      } finally {
        this.busy.delete(picking.id);
      }
    } catch (error) {
      this.failures.unshift({ picking: scan.trim(), at: this.deps.clock.now(), error: errorMessage(error) });
      this.failures.splice(FAILURES_KEPT);
      throw error;
    }
  }

  /** Return labels asked for that failed, newest first (kept in memory: a scan's failure has no other screen). */
  recentFailures(): readonly { picking: string; at: number; error: string }[] {
    return this.failures;
  }

  private async picking(scan: string): Promise<Picking> {
    const key = scan.trim();
    if (key === '') throw new StationError('REJECTED', 'say which picking the return label is for');
    const { pickings, store } = this.deps;
    const cached = pickings.cached(key);
    if (cached) return cached;
    const known = store.pickingRef(key);
    const copy = known ? pickings.cached(known.name) : null;
    if (copy) return copy;
    // A copy masked after packing lost the customer's address: read the picking from Odoo, by id when known here.
    const loaded = await pickings.load(known ? { id: known.id } : /^\d+$/.test(key) ? { id: Number(key) } : { scan: key });
    if (loaded) return loaded;
    throw new StationError('NOT_FOUND', `picking "${key}" is not known here or in Odoo: scan its name (WH/OUT/…) or give its id`);
  }

  private async buyFor(picking: Picking, weightG: number | undefined): Promise<ReturnLabelResult> {
    const { store, printer } = this.deps;
    const { reference, resumeShipmentId } = store.nextReference(picking.name);
    const request: ShipmentRequest = {
      reference,
      from: picking.warehouse,
      to: picking.partner,
      parcel: returnParcel(picking, store.parcels(picking.id), weightG),
      labelDpi: printer.dpi(),
      services: [...this.deps.services],
      odooCarrier: picking.carrier?.name ?? null,
      deadline: null,
      isReturn: true,
    };
    const bought = await this.deps.desk.buyLabel(request, resumeShipmentId ?? undefined);
    const shipment: Shipment = { ...bought, isReturn: true };
    // Fitted before the transaction: a label the printer cannot take is still recorded (it is paid for).
    let printable: Label | null = null;
    let printError: string | null = null;
    try {
      printable = printer.fitLabel(shipment.label, printer.dpi());
    } catch (error) {
      printError = errorMessage(error);
    }
    const ref = { id: picking.id, name: picking.name };
    const { printJobId } = store.recordBought(ref, reference, shipment, () =>
      printable === null ? null : printer.submit({ kind: 'return-label', target: 'label', pickingId: picking.id, parcelIndex: null, data: printable.data }),
    );
    const label = store.get(reference);
    if (!label) throw new StationError('DEVICE', `return label ${reference} was recorded but cannot be read back`);
    return { label, printJobId, printError };
  }
}
