/** In-memory stand-ins for the hub's tracking stores (the PostgreSQL ones are tested in test/integration/recon). */
import { mergeTracking } from '../../../app/carrier/tracking.merge';
import type { ExceptionFinding, HubException } from '../../../app/recon/exception.schema';
import type { TrackedShipment } from '../../../app/recon/recon-input.schema';
import type { ExceptionStore, OdooNotice, OdooNoticeQueue, ShipmentAudit, ShipmentAuditEntry, TrackingChange, TrackingStore } from '../../../app/recon/recon.ports';

const FINAL = new Set(['delivered', 'returned_to_sender', 'cancelled']);

export class FakeTrackingStore implements TrackingStore {
  readonly shipments = new Map<string, TrackedShipment>();
  readonly raw: { trackingCode: string; source: 'webhook' | 'poll'; raw: unknown }[] = [];

  async register(s: Parameters<TrackingStore['register']>[0]): Promise<void> {
    const report = { carrier: s.carrier ?? '', trackingCode: s.trackingCode, status: 'unknown' as const, events: [], estimatedDelivery: null, unmapped: [] };
    this.shipments.set(s.trackingCode, { ...s, status: 'unknown', lastEventAt: null, lastChangeAt: null, lastHeardAt: null, report });
  }

  async ingest(input: Parameters<TrackingStore['ingest']>[0]): ReturnType<TrackingStore['ingest']> {
    const current = this.shipments.get(input.report.trackingCode) ?? null;
    const report = mergeTracking(current?.report ?? null, input.report);
    const newEvents = report.events.length - (current?.report.events.length ?? 0);
    const before = current?.status ?? null;
    const shipment: TrackedShipment = {
      trackingCode: report.trackingCode,
      carrier: current?.carrier ?? report.carrier,
      platform: input.platform,
      shipmentId: current?.shipmentId ?? input.shipmentId,
      stationId: current?.stationId ?? null,
      pickingId: current?.pickingId ?? null,
      pickingName: current?.pickingName ?? null,
      labelAt: current?.labelAt ?? null,
      status: report.status,
      lastEventAt: report.events.length ? Date.parse(report.events.at(-1)!.at) : null,
      lastChangeAt: report.status !== before ? input.receivedAt : (current?.lastChangeAt ?? null),
      lastHeardAt: input.receivedAt,
      report,
    };
    this.shipments.set(shipment.trackingCode, shipment);
    this.raw.push({ trackingCode: shipment.trackingCode, source: input.source, raw: input.rawMasked });
    return { before, after: report.status, newEvents, shipment };
  }

  async get(code: string): Promise<TrackedShipment | null> {
    return this.shipments.get(code) ?? null;
  }

  async many(codes: readonly string[]): Promise<TrackedShipment[]> {
    return codes.flatMap((c) => this.shipments.get(c) ?? []);
  }

  async quiet(heardBefore: number, limit: number): Promise<TrackedShipment[]> {
    return [...this.shipments.values()]
      .filter((s) => !FINAL.has(s.status) && (s.lastHeardAt ?? s.labelAt ?? 0) < heardBefore)
      .sort((a, b) => (a.lastHeardAt ?? 0) - (b.lastHeardAt ?? 0))
      .slice(0, limit);
  }

  async rawEvents(): ReturnType<TrackingStore['rawEvents']> {
    throw new Error('not used');
  }
}

export class FakeNoticeQueue implements OdooNoticeQueue {
  readonly notices: (OdooNotice & { state: 'pending' | 'done'; error: string | null })[] = [];

  async enqueue(change: TrackingChange, now: number): Promise<boolean> {
    if (this.notices.some((n) => n.trackingCode === change.trackingCode && n.after === change.after)) return false;
    this.notices.push({ ...change, id: this.notices.length + 1, attempts: 0, nextAt: now, state: 'pending', error: null });
    return true;
  }

  async due(now: number, limit: number, claimMs: number): Promise<OdooNotice[]> {
    const due = this.notices.filter((n) => n.state === 'pending' && n.nextAt <= now).slice(0, limit);
    for (const n of due) n.nextAt = now + claimMs;
    return due.map((n) => ({ ...n }));
  }

  async done(id: number): Promise<void> {
    this.byId(id).state = 'done';
  }

  async failed(id: number, error: string, retryAt: number): Promise<void> {
    const n = this.byId(id);
    Object.assign(n, { attempts: n.attempts + 1, error, nextAt: retryAt });
  }

  async pending(): Promise<number> {
    return this.notices.filter((n) => n.state === 'pending').length;
  }

  private byId(id: number) {
    const n = this.notices.find((x) => x.id === id);
    if (!n) throw new Error(`no notice ${id}`);
    return n;
  }
}

/** Only `raise` is tracking's: the rest belongs to the work queues. */
export class FakeExceptionStore implements Pick<ExceptionStore, 'raise'> {
  readonly raised: { finding: ExceptionFinding; by: string; now: number }[] = [];
  private readonly ids = new Map<string, number>();

  async raise(finding: ExceptionFinding, by: string, now: number): Promise<HubException> {
    this.raised.push({ finding, by, now });
    const id = this.ids.get(finding.key) ?? this.ids.size + 1;
    this.ids.set(finding.key, id);
    return { ...finding, id, state: 'open', owner: null, reason: null, openedAt: now, updatedAt: now, lastSeenAt: now, closedAt: null, history: [] };
  }
}

export class FakeAudit implements ShipmentAudit {
  readonly entries: ShipmentAuditEntry[] = [];

  async append(entries: readonly ShipmentAuditEntry[]): Promise<void> {
    this.entries.push(...entries);
  }

  async trail(ref: string): ReturnType<ShipmentAudit['trail']> {
    return this.entries.filter((e) => e.trackingCode === ref || e.shipmentId === ref).map((e, i) => ({ ...e, id: i + 1 }));
  }
}
