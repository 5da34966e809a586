import type { PackingView } from '../../../app/domain/packing-view.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import type {
  Channel,
  ChannelReq,
  ChannelRes,
  PackingAction,
  PushEvent,
  PushPayload,
  StationCore,
} from '../../../app/ipc/contract';

const T0 = Date.UTC(2025, 0, 15, 9, 30);

export function sampleView(): PackingView {
  return {
    state: 'scanningItems',
    message: 'Scan the items of WH/OUT/00042',
    tone: 'info',
    picking: {
      id: 42,
      name: 'WH/OUT/00042',
      partnerName: 'Azure Interior',
      carrierName: 'EasyPost USPS',
      parcelIndex: 1,
      lines: [
        { moveId: 101, productName: 'Office Chair Black', barcode: 'CHAIR-001', expected: 2, scanned: 0, inCurrentParcel: 0 },
        { moveId: 102, productName: 'Desk Lamp', barcode: 'LAMP-002', expected: 1, scanned: 1, inCurrentParcel: 1 },
      ],
    },
    weight: { grams: 1234, stable: true, at: T0 },
    expectedWeightG: 1300,
    printJob: null,
    lastLabel: { trackingCode: '9400100000000000000000', parcelIndex: 1, pickingName: 'WH/OUT/00041' },
    notice: null,
    actions: ['pack', 'cancel'],
  };
}

export function sampleStatus(): StationStatus {
  return {
    stationId: 'bench-07',
    at: T0,
    machine: { state: 'scanningItems', message: null },
    picking: { id: 42, name: 'WH/OUT/00042' },
    sync: [
      { target: 'odoo', depth: 3, oldestPendingAgeMs: 95_000, lastSuccessAt: T0 - 60_000, lastError: 'ECONNREFUSED 127.0.0.1:8069', unreachableSince: T0 - 95_000 },
      { target: 'carrier', depth: 0, oldestPendingAgeMs: null, lastSuccessAt: T0 - 5_000, lastError: null, unreachableSince: null },
    ],
    deadLetters: [
      { id: 7, eventId: 55, target: 'odoo', orderKey: 'picking:40', reason: 'AccessDenied: wrong API key', at: T0 - 3_600_000 },
    ],
    devices: {
      scale: { state: 'connected', since: T0 - 1_000, detail: 'Toledo 8217 on /dev/ttyUSB0', lastReading: { grams: 1234, stable: true, at: T0 } },
      scanner: { state: 'connected', since: T0 - 1_000 },
      labelPrinter: { state: 'fault', since: T0 - 500, detail: 'paper_out' },
    },
  };
}

/** An in-memory core: scans of a line's barcode count up and push a new view, like the real machine would. */
export class FakeStationCore implements StationCore {
  view: PackingView = sampleView();
  status: StationStatus = sampleStatus();
  readonly scans: string[] = [];
  readonly commands: PackingAction[] = [];
  /** Set to make the next handle() call throw, to check errors travel as ok:false. */
  failNext: Error | null = null;
  private readonly listeners = new Map<PushEvent, Set<(payload: never) => void>>();

  async handle<C extends Channel>(channel: C, req: ChannelReq<C>): Promise<ChannelRes<C>> {
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = null;
      throw err;
    }
    switch (channel) {
      case 'packing:view':
        return structuredClone(this.view) as ChannelRes<C>;
      case 'station:status':
        return structuredClone(this.status) as ChannelRes<C>;
      case 'packing:scan':
        return this.scan((req as ChannelReq<'packing:scan'>).code) as ChannelRes<C>;
      case 'packing:command':
        this.commands.push((req as ChannelReq<'packing:command'>).action);
        return { accepted: true } as ChannelRes<C>;
      default:
        throw new Error(`unknown channel ${String(channel)}`);
    }
  }

  subscribe<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  subscriberCount(event: PushEvent): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  push<E extends PushEvent>(event: E, payload: PushPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: PushPayload<E>) => void)(structuredClone(payload));
  }

  setView(patch: Partial<PackingView>): void {
    this.view = { ...this.view, ...patch };
    this.push('packing:view', this.view);
  }

  private scan(code: string): ChannelRes<'packing:scan'> {
    this.scans.push(code);
    const picking = this.view.picking;
    const line = picking?.lines.find((l) => l.barcode === code);
    if (!picking || !line) {
      this.setView({ message: `Unknown barcode ${code}`, tone: 'error', state: 'scanError' });
      return { accepted: false, outcome: 'refused', reason: `Unknown barcode ${code}` };
    }
    const lines = picking.lines.map((l) =>
      l.moveId === line.moveId ? { ...l, scanned: l.scanned + 1, inCurrentParcel: l.inCurrentParcel + 1 } : l,
    );
    this.setView({ picking: { ...picking, lines }, message: `${line.productName} scanned`, tone: 'progress' });
    return { accepted: true, outcome: 'applied' };
  }
}
