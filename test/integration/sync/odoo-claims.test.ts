/**
 * Picking claims as Odoo activities, against the sandbox over HTTP (17 on JSON-RPC, 19 on JSON-2): one holder at a
 * time, refreshed by its holder, released into the chatter, taken over once expired, and two stations claiming at
 * the same moment end with one claim.
 */
import { describe, expect, it } from 'vitest';
import { world } from './odoo-world';

const HOUR = 3_600_000;

describe.each([17, 19] as const)('picking claims on Odoo %i', (version) => {
  async function stations() {
    const { sandbox, gateway, url } = await world(version);
    const [picking] = sandbox.createPickings(1);
    const a = gateway.claimsFor('bench-1', HOUR, () => Date.now());
    const b = gateway.claimsFor('bench-2', HOUR, () => Date.now());
    const activities = () => sandbox.records('mail.activity', [['res_id', '=', picking!.id]]);
    return { sandbox, url, id: picking!.id, a, b, activities };
  }

  it('the first station holds it; the second is told who; a re-claim by the holder keeps one activity', async () => {
    const s = await stations();
    expect(await s.a.claim(s.id)).toEqual({ kind: 'claimed' });
    const held = await s.b.claim(s.id);
    expect(held).toMatchObject({ kind: 'held', by: { stationId: 'bench-1' } });
    if (held.kind === 'held') expect(Math.abs(held.by.lastSeen - Date.now())).toBeLessThan(60_000);
    expect(await s.a.claim(s.id)).toEqual({ kind: 'claimed' });
    expect(s.activities()).toHaveLength(1);
    expect(s.activities()[0]).toMatchObject({ summary: 'Packing at station bench-1', res_model: 'stock.picking', user_id: [2, 'Mitchell Admin'] });
  });

  it('released by its holder, it is free for the next station; the release stays in the chatter', async () => {
    const s = await stations();
    await s.a.claim(s.id);
    await s.b.release(s.id, 'not mine');
    expect(s.activities()).toHaveLength(1);
    await s.a.release(s.id, 'done here');
    expect(s.activities()).toEqual([]);
    expect(await s.b.claim(s.id)).toEqual({ kind: 'claimed' });
    expect(s.sandbox.records('mail.message', [['res_id', '=', s.id]]).map((m) => m.body)).toEqual(['Packing at station bench-1 done: done here']);
  });

  it('a claim not confirmed within its TTL belongs to a station that went away: taken over, with a note', async () => {
    const s = await stations();
    await s.a.claim(s.id);
    const [activity] = s.activities();
    s.sandbox.writeInOdoo('mail.activity', Number(activity!.id), { write_date: '2020-01-01 08:00:00' });
    expect(await s.b.claim(s.id)).toEqual({ kind: 'claimed' });
    expect(s.activities().map((a) => a.summary)).toEqual(['Packing at station bench-2']);
    const [note] = s.sandbox.records('mail.message', [['res_id', '=', s.id]]);
    expect(note?.body).toMatch(/^Packing at station bench-1 done: claim expired: station bench-1 was not seen for 60 min; taken over by station bench-2$/);
  });

  it("a claim made elsewhere while this station's was live lost the race: the older claim holds on re-claim", async () => {
    const s = await stations();
    await s.a.claim(s.id);
    // bench-2 created its claim without seeing bench-1's (the narrow window of a race).
    s.sandbox.createInOdoo('mail.activity', { res_id: s.id, summary: 'Packing at station bench-2', user_id: 2 }, { default_res_model: 'stock.picking' });
    expect(await s.a.claim(s.id)).toEqual({ kind: 'claimed' });
    expect(await s.b.claim(s.id)).toMatchObject({ kind: 'held', by: { stationId: 'bench-1' } });
    expect(s.activities().map((a) => a.summary)).toEqual(['Packing at station bench-1', 'Packing at station bench-2']);
  });

  it('two stations claiming at the same moment: one holds it, the other is told, one activity stays', async () => {
    for (let round = 0; round < 5; round++) {
      const s = await stations();
      const [first, second] = await Promise.all([s.a.claim(s.id), s.b.claim(s.id)]);
      const outcomes = [first!, second!].map((o) => o.kind).sort();
      expect(outcomes).toEqual(['claimed', 'held']);
      expect(s.activities()).toHaveLength(1);
      const winner = first!.kind === 'claimed' ? 'bench-1' : 'bench-2';
      expect(s.activities()[0]!.summary).toBe(`Packing at station ${winner}`);
      // Both found none and created one; the later one was withdrawn.
      expect(s.sandbox.operations().filter((o) => o.model === 'mail.activity').map((o) => o.method)).toEqual(['create', 'create', 'unlink']);
    }
  });
});
