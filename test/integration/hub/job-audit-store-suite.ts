import { describe, expect, it } from 'vitest';
import type { ShipmentAuditEntry } from '../../../app/recon/recon.ports';
import type { ReconWorld } from './recon-world';

const HOUR = 3_600_000;
let periods = 0;
/** A period of its own for each test (the queue holds one row per job and period). */
const newPeriod = () => Date.UTC(2030, 0, 1) + ++periods * HOUR + Math.floor(Math.random() * 1000) * 24 * HOUR;

/** JobQueue and ShipmentAudit (app/recon/recon.ports.ts) on one engine. */
export function jobAuditStoreContract(world: () => ReconWorld): void {
  describe('job queue', () => {
    it('gives a period to exactly one of many hubs claiming it at once, to another hub once its heartbeat is stale, and never runs a finished period again', async () => {
      const { a, b } = world();
      const period = newPeriod();
      const now = period + 5;
      const claims = await Promise.all(
        [a, b, a, b, a, b].map((store, i) => store.jobs.claimPeriod('reconcile', period, { window: i }, `hub-${i}`, now, 60_000)),
      );
      const winners = claims.filter((run) => run !== null);
      expect(winners).toHaveLength(1);
      const run = winners[0]!;
      expect(run).toMatchObject({ job: 'reconcile', periodStart: period, state: 'running', attempts: 1, startedAt: now, requestedBy: null });

      await a.jobs.heartbeat(run.id, now + 50_000);
      expect(await b.jobs.claimPeriod('reconcile', period, {}, 'hub-late', now + 100_000, 60_000)).toBeNull();
      const taken = await b.jobs.claimPeriod('reconcile', period, {}, 'hub-late', now + 110_001, 60_000);
      expect(taken).toMatchObject({ id: run.id, hubId: 'hub-late', attempts: 2, startedAt: now + 110_001, payload: run.payload });
      expect(await a.jobs.claimPeriod('reconcile', period, {}, 'hub-later', now + 110_002, 60_000)).toBeNull();

      await b.jobs.finish(run.id, { ok: true, result: { findings: 3 } }, now + 120_000);
      expect(await a.jobs.get(run.id)).toMatchObject({ state: 'done', result: { findings: 3 }, error: null, finishedAt: now + 120_000 });
      expect(await a.jobs.claimPeriod('reconcile', period, {}, 'hub-x', now + 10 * HOUR, 60_000)).toBeNull();

      const failed = await a.jobs.claimPeriod('tracking-poll', period, {}, 'hub-a', now, 60_000);
      await a.jobs.finish(failed!.id, { ok: false, error: 'EasyPost answered 503' }, now + 1);
      expect(await a.jobs.get(failed!.id)).toMatchObject({ state: 'failed', error: 'EasyPost answered 503', result: null });
      expect(await b.jobs.claimPeriod('tracking-poll', period, {}, 'hub-b', now + 10 * HOUR, 60_000)).toBeNull();
      expect((await a.jobs.recent(2, 'tracking-poll'))[0]).toMatchObject({ id: failed!.id });
    });

    it('hands on-demand runs out oldest first, one hub each, of the jobs asked for, and takes over a stale one', async () => {
      const { a, b, sql } = world();
      const base = newPeriod();
      // Runs left by earlier tests would be claimed too: this test starts from an empty queue of on-demand runs.
      await sql.query(`UPDATE hub_job_runs SET state = 'done' WHERE period_start IS NULL AND state IN ('queued', 'running')`);
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) ids.push(await a.jobs.enqueue(i < 4 ? 'reconcile' : 'odoo-notify', { n: i }, 'ann', base + i));
      expect(await a.jobs.get(ids[0]!)).toMatchObject({ state: 'queued', requestedBy: 'ann', attempts: 0, periodStart: null, hubId: null });

      expect(await a.jobs.claimNext('hub-a', base + 10, 60_000, ['tracking-poll'])).toBeNull();
      expect(await a.jobs.claimNext('hub-a', base + 10, 60_000, ['odoo-notify'])).toMatchObject({ id: ids[4], state: 'running', hubId: 'hub-a', attempts: 1 });
      const oldest = await b.jobs.claimNext('hub-b', base + 10, 60_000);
      expect(oldest).toMatchObject({ id: ids[0], payload: { n: 0 }, hubId: 'hub-b' });

      const racing = await Promise.all([a, b, a, b, a, b].map((store, i) => store.jobs.claimNext(`hub-${i}`, base + 20, 60_000)));
      const claimed = racing.filter((run) => run !== null).map((run) => run.id);
      expect(claimed.sort((x, y) => x - y)).toEqual([ids[1], ids[2], ids[3], ids[5]]);

      await a.jobs.heartbeat(ids[1]!, base + 50_000);
      const stale = await b.jobs.claimNext('hub-b', base + 100_000, 60_000);
      expect(stale).toMatchObject({ id: ids[0], hubId: 'hub-b', attempts: 2 });
      await b.jobs.finish(ids[0]!, { ok: true, result: { findings: 0 } }, base + 100_001);
      expect((await a.jobs.recent(20, 'odoo-notify')).map((run) => run.id)).toEqual([ids[5], ids[4]]);
    });
  });

  describe('shipment audit trail', () => {
    const entry = (over: Partial<ShipmentAuditEntry>): ShipmentAuditEntry => ({
      at: 1000, shipmentId: null, trackingCode: null, pickingId: 42, system: 'hub', actor: 'hub', kind: 'status', summary: 'x', data: null, ...over,
    });

    it('keeps each shipment trail by shipment id or tracking code, oldest first, and refuses edits', async () => {
      const { a, sql } = world();
      const ref = `shp_${Math.random().toString(36).slice(2, 10)}`;
      const code = `1Z${ref}`;
      await a.shipmentAudit.append([
        entry({ at: 2000, shipmentId: ref, system: 'easypost', actor: 'platform', kind: 'response', summary: 'label bought', data: { rate: '7.50', to: { name: 'J*** D**' } } }),
        entry({ at: 1000, shipmentId: ref, trackingCode: code, system: 'station', actor: 'station:bench-1', kind: 'request', summary: 'buy label' }),
      ]);
      await a.shipmentAudit.append([entry({ at: 3000, trackingCode: code, summary: 'in transit', data: undefined })]);
      await a.shipmentAudit.append([]);

      const trail = await a.shipmentAudit.trail(ref);
      expect(trail.map((e) => e.summary)).toEqual(['buy label', 'label bought']);
      expect(trail[1]).toMatchObject({ system: 'easypost', actor: 'platform', kind: 'response', data: { rate: '7.50', to: { name: 'J*** D**' } } });
      expect((await a.shipmentAudit.trail(code)).map((e) => [e.summary, e.data])).toEqual([['buy label', null], ['in transit', null]]);
      expect(await a.shipmentAudit.trail('shp_nothing')).toEqual([]);

      await expect(sql.query(`UPDATE shipment_audit SET summary = 'edited' WHERE shipment_id = $1`, [ref])).rejects.toThrow(/append-only/);
      await expect(sql.query(`DELETE FROM shipment_audit WHERE shipment_id = $1`, [ref])).rejects.toThrow(/append-only/);
      expect((await a.shipmentAudit.trail(ref)).map((e) => e.summary)).toEqual(['buy label', 'label bought']);
    });
  });
}
