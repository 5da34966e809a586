import { describe, expect, it } from 'vitest';
import { ExceptionKindSchema, type ExceptionFinding, type ExceptionKind, type HubException } from '../../../app/recon/exception.schema';
import type { ReconWorld } from './recon-world';

const T0 = Date.UTC(2026, 11, 3, 8, 0, 0);
let tags = 0;
const newTag = () => `x${++tags}${Math.random().toString(36).slice(2, 6)}`;

export const finding = (kind: ExceptionKind, subject: string, over: Partial<ExceptionFinding> = {}): ExceptionFinding => ({
  key: `${kind}:${subject}`,
  kind,
  severity: 'warning',
  source: 'reconciliation',
  stationId: 'bench-1',
  pickingId: 12,
  pickingName: `WH/OUT/${subject}`,
  shipmentId: `shp_${subject}`,
  trackingCode: `1Z${subject}`,
  detail: `difference on ${subject}`,
  amounts: kind === 'price_variance' ? { unit: 'USD', expected: 7.5, actual: 9.25, difference: 1.75 } : null,
  suggestedAction: { code: 'review_charge', text: 'Review the charge' },
  ...over,
});

const actions = (e: HubException | null) => e?.history.map((h) => `${h.action}:${h.state}`);

/** The exception store's contract (app/recon/recon.ports.ts ExceptionStore) on one engine. */
export function exceptionStoreContract(world: () => ReconWorld): void {
  describe('exception store', () => {
    it('opens new findings, notes known ones seen again once per run, resolves what a run no longer finds, reopens a resolved one found again, leaves an ignored one ignored', async () => {
      const { a } = world();
      const t = newTag();
      const [p1, p2, p3] = ['1', '2', '3'].map((n) => finding('price_variance', `${t}-${n}`));
      const fromTracking = await a.exceptions.raise(finding('price_variance', `${t}-trk`, { source: 'tracking' }), 'hub', T0);
      const opts = (note: string, now: number) => ({ kinds: ['price_variance'] as const, by: 'hub', note, now });

      const first = await a.exceptions.record([p1!, p2!, p3!], opts('run 1', T0 + 1));
      expect(first.opened).toHaveLength(3);
      expect(Object.keys(first.idsByKey).sort()).toEqual([p1!.key, p2!.key, p3!.key].sort());
      const [id1, id2, id3] = [p1!, p2!, p3!].map((p) => first.idsByKey[p.key]!);

      // p1 twice in one run is seen once; p3 is no longer found.
      const second = await a.exceptions.record([p1!, { ...p1!, detail: 'billed 1.80 over' }, p2!], opts('run 2', T0 + 2));
      expect(second).toMatchObject({ opened: [], reopened: [], autoResolved: [id3] });
      expect(second.seenAgain.sort()).toEqual([id1, id2].sort());
      expect(await a.exceptions.get(id1!)).toMatchObject({ state: 'open', detail: 'billed 1.80 over', lastSeenAt: T0 + 2, openedAt: T0 + 1 });
      expect(await a.exceptions.get(id3!)).toMatchObject({ state: 'resolved', closedAt: T0 + 2, reason: 'no longer found (run 2)' });
      expect((await a.exceptions.get(fromTracking.id))?.state).toBe('open');

      expect((await a.exceptions.act([id2!], { type: 'ignore', reason: 'carrier contract allows it' }, 'ann', T0 + 3)).updated).toEqual([id2]);
      await a.exceptions.act([id1!], { type: 'start' }, 'ann', T0 + 3);
      const third = await a.exceptions.record([p1!, p2!, p3!], opts('run 3', T0 + 4));
      expect(third).toMatchObject({ opened: [], reopened: [id3], autoResolved: [] });
      expect(third.seenAgain.sort()).toEqual([id1, id2].sort());
      expect(await a.exceptions.get(id2!)).toMatchObject({ state: 'ignored', reason: 'carrier contract allows it', lastSeenAt: T0 + 4 });
      expect(await a.exceptions.get(id3!)).toMatchObject({ state: 'open', reason: null, closedAt: null, updatedAt: T0 + 4 });
      expect(actions(await a.exceptions.get(id3!))).toEqual(['opened:open', 'auto_resolved:resolved', 'reopened:open']);
      expect(actions(await a.exceptions.get(id1!))).toEqual(['opened:open', 'seen_again:open', 'started:in_progress', 'seen_again:in_progress']);
      expect(actions(await a.exceptions.get(id2!))).toEqual(['opened:open', 'seen_again:open', 'ignored:ignored', 'seen_again:ignored']);

      // In progress is not closed: a run that no longer finds it resolves it too; other kinds are left alone.
      const fourth = await a.exceptions.record([], opts('run 4', T0 + 5));
      expect(fourth.autoResolved.sort()).toEqual([id1, id3].sort());
      expect(await a.exceptions.record([], { ...opts('run 5', T0 + 6), kinds: ['weight_variance'] })).toMatchObject({ autoResolved: [] });
      expect((await a.exceptions.get(id1!))?.history.at(-1)).toEqual({ at: T0 + 5, by: 'hub', action: 'auto_resolved', state: 'resolved', note: 'run 4' });
    });

    it('writes a run whole or not at all', async () => {
      const { a, sql } = world();
      const t = newTag();
      const known = finding('done_missing_weight', `${t}-known`);
      const { idsByKey } = await a.exceptions.record([known], { kinds: [], by: 'hub', note: 'run 1', now: T0 });
      // The history line is the run's last statement: failing it must take back the insert and the update before it.
      await sql.query(`CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.note = 'refused' THEN RAISE EXCEPTION 'history refused'; END IF; RETURN NEW; END $$`);
      await sql.query(`CREATE TRIGGER refuse_history BEFORE INSERT ON hub_exception_history FOR EACH ROW EXECUTE FUNCTION refuse_history()`);
      try {
        const fresh = finding('done_missing_weight', `${t}-fresh`);
        await expect(a.exceptions.record([{ ...known, detail: 'changed' }, fresh], { kinds: [], by: 'hub', note: 'refused', now: T0 + 1 })).rejects.toThrow(/history refused/);
        expect(await a.exceptions.list({ ref: t })).toHaveLength(1);
        expect(await a.exceptions.get(idsByKey[known.key]!)).toMatchObject({ detail: known.detail, lastSeenAt: T0 });
      } finally {
        await sql.query('DROP TRIGGER refuse_history ON hub_exception_history');
        await sql.query('DROP FUNCTION refuse_history()');
      }
    });

    it('lists by kind, states, owner, station and reference (picking name, shipment id, tracking code), newest first, paged, each with its history', async () => {
      const { a } = world();
      const t = newTag();
      const station = `bench-${t}`;
      const subjects = ['a', 'b', 'c', 'd'].map((s) => `${t}-${s}`);
      for (const [i, s] of subjects.entries()) {
        const kind: ExceptionKind = i < 3 ? 'weight_variance' : 'done_missing_tracking';
        await a.exceptions.record([finding(kind, s, { stationId: station })], { kinds: [], by: 'hub', note: 'run', now: T0 + i });
      }
      const mine = await a.exceptions.list({ stationId: station });
      expect(mine.map((e) => e.pickingName)).toEqual(subjects.map((s) => `WH/OUT/${s}`).reverse());
      expect(mine.every((e) => e.history.length === 1 && e.history[0]!.action === 'opened')).toBe(true);

      const [d, c, b] = mine;
      await a.exceptions.act([b!.id], { type: 'assign', owner: 'bob' }, 'ann', T0 + 10);
      await a.exceptions.act([c!.id], { type: 'resolve', note: 'weighed again' }, 'ann', T0 + 10);
      expect((await a.exceptions.list({ stationId: station, kind: 'weight_variance' })).map((e) => e.id)).toEqual([c!.id, b!.id, mine[3]!.id]);
      expect((await a.exceptions.list({ stationId: station, states: ['open', 'in_progress'] })).map((e) => e.id)).toEqual([d!.id, b!.id, mine[3]!.id]);
      expect((await a.exceptions.list({ states: ['resolved'], stationId: station })).map((e) => e.id)).toEqual([c!.id]);
      expect((await a.exceptions.list({ owner: 'bob', stationId: station })).map((e) => e.id)).toEqual([b!.id]);
      expect((await a.exceptions.list({ stationId: station, limit: 2, offset: 1 })).map((e) => e.id)).toEqual([c!.id, b!.id]);

      expect((await a.exceptions.list({ ref: `wh/out/${subjects[1]}` })).map((e) => e.id)).toEqual([b!.id]);
      expect((await a.exceptions.list({ ref: `shp_${subjects[2]}` })).map((e) => e.id)).toEqual([c!.id]);
      expect((await a.exceptions.list({ ref: `1Z${subjects[3]}` })).map((e) => e.id)).toEqual([d!.id]);
      expect((await a.exceptions.list({ ref: t })).map((e) => e.id)).toEqual(mine.map((e) => e.id));
      // Pattern characters are literal: `%` matches only a reference containing one.
      expect(await a.exceptions.list({ ref: `${t}%`, stationId: station })).toEqual([]);
    });

    it('gives every kind a queue with open and in-progress counts, its oldest open item and its worst live severity', async () => {
      const { a } = world();
      const t = newTag();
      const count = async (kind: ExceptionKind) => (await a.exceptions.queues()).find((q) => q.kind === kind)!;
      const before = await count('unknown_tracking');
      const queues = await a.exceptions.queues();
      expect(queues.map((q) => q.kind)).toEqual(ExceptionKindSchema.options);
      expect(queues.find((q) => q.kind === 'no_tracking_progress')).toEqual({ kind: 'no_tracking_progress', open: 0, inProgress: 0, oldestOpenedAt: null, severity: null });

      const { idsByKey } = await a.exceptions.record([finding('unknown_tracking', `${t}-1`), finding('unknown_tracking', `${t}-2`)], { kinds: [], by: 'hub', note: 'r', now: 1000 });
      await a.exceptions.act([idsByKey[`unknown_tracking:${t}-2`]!], { type: 'start' }, 'ann', 1001);
      expect(await count('unknown_tracking')).toEqual({ kind: 'unknown_tracking', open: before.open + 1, inProgress: before.inProgress + 1, oldestOpenedAt: 1000, severity: 'warning' });
      // A critical item colours its queue; once it is resolved, the queue is back to its worst live one.
      const { idsByKey: critical } = await a.exceptions.record([finding('unknown_tracking', `${t}-3`, { severity: 'critical' })], { kinds: [], by: 'hub', note: 'r', now: 1002 });
      expect((await count('unknown_tracking')).severity).toBe('critical');
      await a.exceptions.act([critical[`unknown_tracking:${t}-3`]!], { type: 'resolve', note: 'fixed' }, 'ann', 1003);
      expect((await count('unknown_tracking')).severity).toBe('warning');
    });

    it('acts on many at once by the work-queue rules, under row lock: refused ones say why, every change is in the history', async () => {
      const { a, b } = world();
      const t = newTag();
      const { idsByKey } = await a.exceptions.record(['1', '2', '3'].map((n) => finding('done_missing_label', `${t}-${n}`)), { kinds: [], by: 'hub', note: 'r', now: T0 });
      const [id1, id2, id3] = ['1', '2', '3'].map((n) => idsByKey[`done_missing_label:${t}-${n}`]!);

      expect(await a.exceptions.act([id1!, id2!, id1!], { type: 'assign', owner: 'bob' }, 'ann', T0 + 1)).toEqual({ updated: [id1, id2], refused: [] });
      expect(await a.exceptions.act([id1!, 99_999_999], { type: 'resolve', note: 'attached in Odoo' }, 'bob', T0 + 2)).toEqual({
        updated: [id1],
        refused: [{ id: 99_999_999, why: 'no such exception' }],
      });
      expect(await a.exceptions.get(id1!)).toMatchObject({ state: 'resolved', owner: 'bob', reason: 'attached in Odoo', closedAt: T0 + 2, updatedAt: T0 + 2 });
      expect(await a.exceptions.act([id1!, id2!], { type: 'ignore', reason: 'duplicate' }, 'ann', T0 + 3)).toEqual({
        updated: [id2],
        refused: [{ id: id1, why: 'it is resolved already' }],
      });
      expect(await a.exceptions.act([id1!, id3!], { type: 'reopen', note: 'label missing again' }, 'ann', T0 + 4)).toEqual({
        updated: [id1],
        refused: [{ id: id3, why: 'it is open, not closed' }],
      });
      expect(await a.exceptions.get(id1!)).toMatchObject({ state: 'open', owner: 'bob', reason: null, closedAt: null });
      expect((await a.exceptions.get(id1!))?.history.slice(1)).toEqual([
        { at: T0 + 1, by: 'ann', action: 'assigned', state: 'open', note: 'to bob' },
        { at: T0 + 2, by: 'bob', action: 'resolved', state: 'resolved', note: 'attached in Odoo' },
        { at: T0 + 4, by: 'ann', action: 'reopened', state: 'open', note: 'label missing again' },
      ]);

      // Two supervisors (on two hubs) start the same item at once: one of them does.
      const both = await Promise.all([a.exceptions.act([id3!], { type: 'start' }, 'ann', T0 + 5), b.exceptions.act([id3!], { type: 'start' }, 'bob', T0 + 5)]);
      expect(both.map((r) => r.updated.length).sort()).toEqual([0, 1]);
      expect(both.flatMap((r) => r.refused)).toEqual([{ id: id3, why: 'it is in_progress, not open' }]);
      expect((await a.exceptions.get(id3!))?.history.filter((h) => h.action === 'started')).toHaveLength(1);
    });

    it('raises single findings (tracking, stations), notes what the hub did about one, refuses a note on no exception', async () => {
      const { a } = world();
      const t = newTag();
      const raised = finding('station_exception', `${t}-dl`, { source: 'station', suggestedAction: { code: 'check_at_station', text: 'Check the dead letter' } });
      const opened = await a.exceptions.raise(raised, `station:bench-1`, T0);
      expect(opened).toMatchObject({ key: raised.key, source: 'station', state: 'open', openedAt: T0 });
      expect(actions(await a.exceptions.raise(raised, 'station:bench-1', T0 + 1))).toEqual(['opened:open', 'seen_again:open']);
      await a.exceptions.act([opened.id], { type: 'resolve', note: 'replayed' }, 'ann', T0 + 2);
      expect(await a.exceptions.raise(raised, 'station:bench-1', T0 + 3)).toMatchObject({ state: 'open', reason: null, closedAt: null });

      const orphan = await a.exceptions.raise(finding('orphan_label', `${t}-orphan`), 'hub', T0);
      await a.exceptions.note(orphan.id, 'hub', 'voided at the platform: refunded', T0 + 1, true);
      await a.exceptions.note(orphan.id, 'hub', 'refund confirmed', T0 + 2, false);
      expect(await a.exceptions.get(orphan.id)).toMatchObject({ state: 'resolved', reason: 'voided at the platform: refunded', closedAt: T0 + 1 });
      expect((await a.exceptions.get(orphan.id))?.history.slice(1)).toEqual([
        { at: T0 + 1, by: 'hub', action: 'auto_action', state: 'resolved', note: 'voided at the platform: refunded' },
        { at: T0 + 2, by: 'hub', action: 'auto_action', state: 'resolved', note: 'refund confirmed' },
      ]);
      await expect(a.exceptions.note(99_999_999, 'hub', 'x', T0, false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('records a run of 10,000 findings in a fixed number of statements, each exception noted once', async () => {
      const { a, sql, engine } = world();
      const t = newTag();
      const findings = Array.from({ length: 10_000 }, (_, i) => finding('orphan_label', `${t}-${i}`, { stationId: `bench-${i % 12}` }));
      let started = performance.now();
      const first = await a.exceptions.record(findings, { kinds: ['orphan_label'], by: 'hub', note: 'big run 1', now: T0 });
      const firstMs = performance.now() - started;
      started = performance.now();
      const second = await a.exceptions.record([...findings.slice(500), ...findings.slice(0, 100)], { kinds: ['orphan_label'], by: 'hub', note: 'big run 2', now: T0 + 1 });
      const secondMs = performance.now() - started;
      console.log(`[${engine}] record 10,000 new findings: ${firstMs.toFixed(0)} ms; 9,600 seen again + 400 auto-resolved: ${secondMs.toFixed(0)} ms`);
      expect(first.opened).toHaveLength(10_000);
      expect([second.opened.length, second.seenAgain.length, second.autoResolved.length]).toEqual([0, 9_600, 400]);
      const lines = await sql.query<{ action: string; n: unknown }>(
        `SELECT h.action, count(*) AS n FROM hub_exception_history h JOIN hub_exceptions e ON e.id = h.exception_id
         WHERE e.key LIKE $1 GROUP BY h.action ORDER BY h.action`,
        [`orphan_label:${t}-%`],
      );
      expect(lines.map((l) => [l.action, Number(l.n)])).toEqual([['auto_resolved', 400], ['opened', 10_000], ['seen_again', 9_600]]);
    }, 120_000);
  });
}
