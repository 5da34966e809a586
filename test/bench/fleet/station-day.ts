/**
 * What one simulated station reports: its packing cycle as the status the station builds (`buildStationStatus`),
 * stepped on each change, and the ledger facts of the pickings it packs. The shape and sizes follow a real station's
 * status (two sync targets, three devices, a picking cache), so the hub parses and stores what it would in a warehouse.
 */
import type { StationStatus } from '../../../app/domain/status.schema';
import type { HubLedgerEntry, HubLedgerFact } from '../../../app/hub/ledger-event.schema';

/** The software version the simulated stations announce. */
export const STATION_VERSION = '1.4.2';

/** The packing machine's states a packer walks through for one picking, in order. */
const CYCLE = ['idle', 'loadingPicking', 'packing', 'weighing', 'buyingLabel', 'printing', 'finishing', 'done'] as const;
const MESSAGES: Partial<Record<(typeof CYCLE)[number], string>> = {
  idle: 'Scan a picking',
  packing: 'Scan the items into the box',
  weighing: 'Put the box on the scale',
  printing: 'Printing the label',
};

export class StationDay {
  private step = 0;
  private pickingId: number;
  private seq = 0;
  private readonly startedAt = Date.now();
  private lastSuccessAt = Date.now();

  constructor(
    readonly stationId: string,
    index: number,
  ) {
    this.pickingId = 100_000 + index * 10_000;
  }

  /** The next status change: the machine moves one state along its cycle; `at` is when it is sent. */
  nextStatus(at: number): StationStatus {
    this.step = (this.step + 1) % CYCLE.length;
    const state = CYCLE[this.step] ?? 'idle';
    if (state === 'loadingPicking') this.pickingId += 1;
    const busy = state !== 'idle' && state !== 'done';
    const depth = busy ? 1 + (this.step % 3) : 0;
    if (!busy) this.lastSuccessAt = at;
    const device = (since: number) => ({ state: 'connected' as const, since });
    return {
      stationId: this.stationId,
      at,
      machine: { state, message: MESSAGES[state] ?? null },
      picking: busy ? { id: this.pickingId, name: this.pickingName(this.pickingId) } : null,
      sync: (['odoo', 'carrier', 'hub'] as const).map((target) => ({
        target,
        depth: target === 'odoo' ? depth : 0,
        oldestPendingAgeMs: target === 'odoo' && depth > 0 ? 800 + this.step * 150 : null,
        lastSuccessAt: this.lastSuccessAt,
        lastError: null,
        unreachableSince: null,
        throttledUntil: null,
        rateLimited: null,
      })),
      deadLetters: [],
      devices: {
        scale: { ...device(this.startedAt), lastReading: { grams: state === 'weighing' ? 1250 + this.step * 10 : 0, stable: true, at, resolutionG: 2 } },
        scanner: device(this.startedAt),
        labelPrinter: device(this.startedAt),
      },
      storage: { ok: true, error: null },
      carrierExceptions: { open: 0 },
      pickingCache: { enabled: true, count: 180, lastRefreshAt: this.startedAt, lastError: null, lastErrorAt: null, refreshing: false },
      hub: { connected: true, since: this.startedAt, lastError: null },
    };
  }

  /**
   * The facts of one packed picking (a parcel packed, its label bought and printed, the picking packed), plus the
   * previous picking's validation, which Odoo acknowledges later.
   */
  nextFacts(at: number): HubLedgerEntry[] {
    const previous = this.pickingId;
    this.pickingId += 1;
    const ref = { pickingId: this.pickingId, pickingName: this.pickingName(this.pickingId) };
    const trackingCode = `9400${String(this.pickingId).padStart(18, '0')}`;
    const facts: HubLedgerFact[] = [
      { type: 'parcel.packed', ...ref, parcelIndex: 1, weightG: 1250, packageTypeId: 3, items: 4 },
      {
        type: 'label.bought', ...ref, parcelIndex: 1, shipmentId: `shp_${this.stationId}_${this.pickingId}`, trackingCode,
        carrier: 'USPS', service: 'Priority', price: 8.42, currency: 'USD', isReturn: false,
      },
      { type: 'label.printed', ...ref, parcelIndex: 1 },
      { type: 'picking.packed', ...ref, parcels: 1 },
    ];
    if (this.seq > 0) facts.push({ type: 'picking.validated', pickingId: previous, pickingName: this.pickingName(previous) });
    return facts.map((fact) => ({ seq: ++this.seq, at, fact }));
  }

  private pickingName(id: number): string {
    return `WH/OUT/${String(id).padStart(7, '0')}`;
  }
}
