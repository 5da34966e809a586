import { describe, expect, it } from 'vitest';
import type { TrackingEvent, TrackingReport, TrackingStatus } from '../../../app/domain/tracking.schema';
import type { TrackingChange } from '../../../app/recon/recon.ports';
import type { SqlClient } from '../../../sync/hub/store/sql-client';
import { trackedShipmentsStore } from '../../../sync/hub/store/tracked-shipments.store';
import type { ReconWorld } from './recon-world';

const T0 = Date.UTC(2026, 11, 3, 8, 0, 0);
let codes = 0;
const newCode = () => `9400${++codes}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

const event = (status: TrackingStatus, at: string, description: string, platformStatus: string = status): TrackingEvent => ({
  status,
  at,
  platformStatus,
  platformDetail: null,
  description,
  location: 'Louisville, KY',
});
const report = (trackingCode: string, events: TrackingEvent[], status: TrackingStatus = events.at(-1)?.status ?? 'unknown'): TrackingReport => ({
  carrier: 'USPS',
  trackingCode,
  status,
  events,
  estimatedDelivery: null,
  unmapped: [],
});
const ingest = (r: TrackingReport, receivedAt: number, shipmentId: string | null = null) => ({
  platform: 'easypost' as const,
  source: 'webhook' as const,
  report: r,
  rawMasked: { description: 'tracker.updated', result: { tracking_code: r.trackingCode } },
  shipmentId,
  receivedAt,
});
const label = (trackingCode: string, labelAt: number | null = T0) => ({
  trackingCode,
  carrier: 'USPS',
  platform: 'easypost' as const,
  shipmentId: `shp_${trackingCode}`,
  stationId: 'bench-1',
  pickingId: 42,
  pickingName: 'WH/OUT/00042',
  labelAt,
});

/** Records every statement a store sends, to ask the planner about the store's own queries. */
const capturing = (sql: SqlClient, seen: { sql: string; params: readonly unknown[] }[]): SqlClient => ({
  query: (text, params = []) => {
    seen.push({ sql: text, params });
    return sql.query(text, params);
  },
  transaction: (fn) => sql.transaction((tx) => fn(capturing(tx, seen))),
  close: () => sql.close(),
});

/** TrackingStore and OdooNoticeQueue (app/recon/recon.ports.ts) on one engine. */
export function trackingStoreContract(world: () => ReconWorld): void {
  describe('tracking store', () => {
    it('folds reports into the shipment: new events counted, status changed only forward, the raw event kept with before and after', async () => {
      const { a } = world();
      const code = newCode();
      await a.tracking.register(label(code));
      const accepted = event('pre_transit', '2026-12-03T09:00:00Z', 'Shipping label created');
      const moving = event('in_transit', '2026-12-03T18:30:00Z', 'Arrived at USPS facility');
      const first = await a.tracking.ingest(ingest(report(code, [accepted, moving]), T0 + 1000));
      expect(first).toMatchObject({ before: 'unknown', after: 'in_transit', newEvents: 2 });
      expect(first.shipment).toMatchObject({
        trackingCode: code, status: 'in_transit', pickingName: 'WH/OUT/00042', stationId: 'bench-1', shipmentId: `shp_${code}`,
        lastEventAt: Date.parse(moving.at), lastChangeAt: T0 + 1000, lastHeardAt: T0 + 1000,
      });

      const again = await a.tracking.ingest(ingest(report(code, [moving]), T0 + 2000));
      expect(again).toMatchObject({ before: 'in_transit', after: 'in_transit', newEvents: 0 });
      expect(again.shipment).toMatchObject({ lastChangeAt: T0 + 1000, lastHeardAt: T0 + 2000 });

      // An older event arriving late is news but moves nothing back.
      const late = await a.tracking.ingest({ ...ingest(report(code, [event('pre_transit', '2026-12-03T10:00:00Z', 'Picked up')]), T0 + 3000), source: 'poll' });
      expect(late).toMatchObject({ before: 'in_transit', after: 'in_transit', newEvents: 1 });
      expect(late.shipment).toMatchObject({ lastEventAt: Date.parse(moving.at), lastChangeAt: T0 + 1000 });

      const delivered = await a.tracking.ingest(ingest(report(code, [event('delivered', '2026-12-04T11:00:00Z', 'Delivered, in mailbox')]), T0 + 4000));
      expect(delivered).toMatchObject({ before: 'in_transit', after: 'delivered', newEvents: 1 });
      expect(delivered.shipment.report.events.map((e) => e.description)).toEqual(['Shipping label created', 'Picked up', 'Arrived at USPS facility', 'Delivered, in mailbox']);
      expect(delivered.shipment.lastChangeAt).toBe(T0 + 4000);

      expect(await a.tracking.rawEvents(code)).toEqual([
        { receivedAt: T0 + 1000, source: 'webhook', platform: 'easypost', before: 'unknown', after: 'in_transit', raw: ingest(report(code, []), 0).rawMasked },
        expect.objectContaining({ receivedAt: T0 + 2000, before: 'in_transit', after: 'in_transit' }),
        expect.objectContaining({ receivedAt: T0 + 3000, source: 'poll', before: 'in_transit', after: 'in_transit' }),
        expect.objectContaining({ receivedAt: T0 + 4000, before: 'in_transit', after: 'delivered' }),
      ]);
      expect(await a.tracking.get(code)).toEqual(delivered.shipment);
    });

    it('registers an unknown code on the fly, then fills in the picking without replacing what it knows by nulls', async () => {
      const { a } = world();
      const code = newCode();
      const first = await a.tracking.ingest(ingest(report(code, [event('in_transit', '2026-12-03T18:30:00Z', 'Departed')]), T0, 'shp_from_webhook'));
      expect(first).toMatchObject({ before: null, after: 'in_transit', newEvents: 1 });
      expect(first.shipment).toMatchObject({ shipmentId: 'shp_from_webhook', pickingId: null, carrier: 'USPS', labelAt: null });

      await a.tracking.register({ ...label(code), shipmentId: null });
      await a.tracking.register({ trackingCode: code, carrier: null, platform: 'easypost', shipmentId: null, stationId: null, pickingId: null, pickingName: null, labelAt: null });
      expect(await a.tracking.get(code)).toMatchObject({
        shipmentId: 'shp_from_webhook', stationId: 'bench-1', pickingId: 42, pickingName: 'WH/OUT/00042', labelAt: T0, carrier: 'USPS', status: 'in_transit',
      });
      const other = newCode();
      await a.tracking.register(label(other));
      expect((await a.tracking.many([other, code, 'nothing-such'])).map((s) => s.trackingCode)).toEqual([other, code].sort());
      expect(await a.tracking.get('nothing-such')).toBeNull();
      expect(await a.tracking.many([])).toEqual([]);
    });

    it('counts a webhook taken by two hubs at once as new only once', async () => {
      const { a, b } = world();
      const code = newCode();
      await a.tracking.register(label(code));
      const same = report(code, [event('pre_transit', '2026-12-03T09:00:00Z', 'Label created'), event('in_transit', '2026-12-03T18:30:00Z', 'Arrived')]);
      const outcomes = await Promise.all([a, b, a, b].map((store, i) => store.tracking.ingest(ingest(same, T0 + i))));
      expect(outcomes.map((o) => o.newEvents).sort()).toEqual([0, 0, 0, 2]);
      expect(outcomes.filter((o) => o.before !== o.after)).toHaveLength(1);
      expect(await a.tracking.rawEvents(code)).toHaveLength(4);
    });

    it('finds quiet shipments (not final, not heard from since a time, a never-heard one once its label is that old) oldest first, on the partial index', async () => {
      const { a, sql } = world();
      const [heardEarly, neverHeard, heardLate, delivered, youngLabel] = [1, 2, 3, 4, 5].map(() => newCode());
      const at = (ms: number) => new Date(ms).toISOString();
      await a.tracking.register(label(neverHeard!, 50));
      await a.tracking.register(label(youngLabel!, 5000));
      await a.tracking.ingest(ingest(report(heardEarly!, [event('in_transit', at(100), 'Arrived')]), 100));
      await a.tracking.ingest(ingest(report(heardLate!, [event('in_transit', at(100), 'Arrived')]), 5000));
      await a.tracking.ingest(ingest(report(delivered!, [event('delivered', at(100), 'Delivered')]), 100));
      const mine = new Set([heardEarly, neverHeard, heardLate, delivered, youngLabel]);
      const quiet = (await a.tracking.quiet(1000, 1000)).filter((s) => mine.has(s.trackingCode)).map((s) => s.trackingCode);
      expect(quiet).toEqual([neverHeard, heardEarly]);

      const seen: { sql: string; params: readonly unknown[] }[] = [];
      await trackedShipmentsStore(capturing(sql, seen)).quiet(1000, 10);
      const plan = await sql.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        return tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${seen[0]!.sql}`, seen[0]!.params);
      });
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('tracked_shipments_quiet');
    });
  });

  describe('Odoo notice queue', () => {
    const change = (trackingCode: string, after: TrackingStatus): TrackingChange => ({
      pickingId: 42, pickingName: 'WH/OUT/00042', trackingCode, carrier: 'USPS', before: 'in_transit', after,
      description: 'Delivered, in mailbox', location: 'Louisville, KY', at: T0,
    });

    it('queues a change once per code and status, claims due ones for a while, retries failed ones later, forgets done ones', async () => {
      const { a } = world();
      const code = newCode();
      const base = 10_000_000 + codes * 100_000;
      const pendingBefore = await a.odooNotices.pending();
      expect(await a.odooNotices.enqueue(change(code, 'out_for_delivery'), base)).toBe(true);
      expect(await a.odooNotices.enqueue(change(code, 'delivered'), base + 1)).toBe(true);
      expect(await a.odooNotices.enqueue({ ...change(code, 'delivered'), description: 'told twice' }, base + 2)).toBe(false);
      expect(await a.odooNotices.pending()).toBe(pendingBefore + 2);

      const mine = async (now: number) => (await a.odooNotices.due(now, 100, 60_000)).filter((n) => n.trackingCode === code);
      const due = await mine(base + 10);
      expect(due.map((n) => [n.after, n.attempts, n.nextAt])).toEqual([['out_for_delivery', 0, base + 60_010], ['delivered', 0, base + 60_010]]);
      expect(due[1]).toMatchObject({ ...change(code, 'delivered'), attempts: 0 });
      expect(await mine(base + 20)).toEqual([]);

      await a.odooNotices.done(due[0]!.id, base + 30);
      await a.odooNotices.failed(due[1]!.id, 'Odoo answered 503', base + 200_000);
      expect(await mine(base + 100_000)).toEqual([]);
      expect(await mine(base + 200_000)).toEqual([expect.objectContaining({ after: 'delivered', attempts: 1, nextAt: base + 260_000 })]);
      expect(await a.odooNotices.pending()).toBe(pendingBefore + 1);
      await a.odooNotices.done(due[1]!.id, base + 200_001);
      expect(await a.odooNotices.pending()).toBe(pendingBefore);
    });

    it('lets two hubs drain the queue at once without taking the same notice', async () => {
      const { a, b } = world();
      const code = newCode();
      const base = 20_000_000 + codes * 100_000;
      for (const status of ['pre_transit', 'in_transit', 'out_for_delivery', 'delivered', 'delivery_failed', 'returned_to_sender'] as const) {
        await a.odooNotices.enqueue(change(code, status), base);
      }
      const claims = await Promise.all([a, b, a, b].map((store) => store.odooNotices.due(base + 1, 2, 60_000)));
      const ids = claims.flat().map((n) => n.id);
      expect(claims.flat().every((n) => n.trackingCode === code)).toBe(true);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
    });
  });
}
