import type { PackingView } from '../../../app/domain/packing-view.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import type { DeadLetterAuditEntry, DeadLetterDetail } from '../../../app/domain/dead-letter.schema';
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
    deadLetters: sampleDeadLetters().map(({ id, eventId, target, orderKey, reason, at }) => ({ id, eventId, target, orderKey, reason, at })),
    devices: {
      scale: { state: 'connected', since: T0 - 1_000, detail: 'Toledo 8217 on /dev/ttyUSB0', lastReading: { grams: 1234, stable: true, at: T0 } },
      scanner: { state: 'connected', since: T0 - 1_000 },
      labelPrinter: { state: 'fault', since: T0 - 500, detail: 'paper_out' },
    },
  };
}

/** A dead letter as the real core describes it (see app/outbox/dead-letter.describe). */
export function sampleDeadLetters(): DeadLetterDetail[] {
  const base = { target: 'odoo', at: T0 - 3_600_000, resolvedAt: null, resolution: null } as const;
  return [
    {
      ...base,
      id: 7,
      eventId: 55,
      orderKey: 'picking:40',
      reason: 'REJECTED: odoo stock.move.line.write: odoo.exceptions.UserError: Lot "LOT-42" does not exist',
      pickingId: 40,
      pickingName: 'WH/OUT/00040',
      eventType: 'parcel.packed',
      attempts: 1,
      advice: {
        code: 'REJECTED',
        remoteError: 'odoo.exceptions.UserError',
        summary: 'Odoo refused the change (UserError): Lot "LOT-42" does not exist',
        instruction: 'Create lot LOT-42 in Odoo (Inventory › Lots/Serial Numbers) for this product, then replay.',
        replayable: true,
      },
      payload: '{\n  "type": "parcel.packed",\n  "parcel": { "pickingId": 40, "index": 1 }\n}',
    },
    {
      ...base,
      id: 8,
      eventId: 61,
      orderKey: 'picking:41',
      reason: 'AUTH: odoo.exceptions.AccessDenied: Access Denied',
      pickingId: 41,
      pickingName: 'WH/OUT/00041',
      eventType: 'label.bought',
      attempts: 1,
      advice: {
        code: 'AUTH',
        remoteError: 'odoo.exceptions.AccessDenied',
        summary: 'The station was not allowed in (AccessDenied): Access Denied',
        instruction: "Check the station's API key (odoo.apiKey or STATION_ODOO_API_KEY) and the Odoo user's access rights, then replay.",
        replayable: true,
      },
      payload: '{\n  "type": "label.bought",\n  "labelZpl": "^XA^FO50,50^… (2130 characters of label ZPL)"\n}',
    },
  ];
}

/** An in-memory core: scans of a line's barcode count up and push a new view, like the real machine would. */
export class FakeStationCore implements StationCore {
  view: PackingView = sampleView();
  status: StationStatus = sampleStatus();
  readonly scans: string[] = [];
  readonly commands: PackingAction[] = [];
  deadLetters: DeadLetterDetail[] = sampleDeadLetters();
  deadLetterAudit: DeadLetterAuditEntry[] = [];
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
      case 'outbox:dead-letters':
        return structuredClone({ letters: this.deadLetters, audit: this.deadLetterAudit }) as ChannelRes<C>;
      case 'outbox:replay':
      case 'outbox:discard': {
        const r = req as ChannelReq<'outbox:replay'>;
        const action = channel === 'outbox:replay' ? 'replay' : 'discard';
        if (!this.deadLetters.some((l) => l.id === r.id)) return { accepted: false, error: `no open dead letter ${r.id}` } as ChannelRes<C>;
        this.decide([r.id], action, 'Station Supervisor (user:2)', r.reason ?? '');
        return { accepted: true } as ChannelRes<C>;
      }
      case 'outbox:replay-all': {
        const r = req as ChannelReq<'outbox:replay-all'>;
        const ids = this.deadLetters.filter((l) => l.target === r.target && l.advice.replayable).map((l) => l.id);
        this.decide(ids, 'replay-all', 'Station Supervisor (user:2)', r.reason ?? '');
        return { accepted: true, replayed: ids } as ChannelRes<C>;
      }
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

  /** Resolves the letters, records the decision like the real store, and pushes the status with the new list. */
  private decide(ids: number[], action: DeadLetterAuditEntry['action'], who: string, reason: string): void {
    for (const id of ids) {
      const letter = this.deadLetters.find((l) => l.id === id)!;
      const entry = { id: this.deadLetterAudit.length + 1, deadLetterId: id, action, who, reason, via: 'ui', at: Date.now() } as const;
      this.deadLetterAudit.unshift({ ...entry, target: letter.target, orderKey: letter.orderKey, pickingName: letter.pickingName });
    }
    this.deadLetters = this.deadLetters.filter((l) => !ids.includes(l.id));
    this.status = { ...this.status, deadLetters: this.status.deadLetters.filter((l) => !ids.includes(l.id)) };
    this.push('station:status', this.status);
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
