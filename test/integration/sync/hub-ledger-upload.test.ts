/**
 * The station's ledger upload to its hub through the outbox, with the real parts: the station's SQLite file, its
 * ledger and sync engine, the Odoo sandbox over HTTP acknowledging the picking's validation. The hub end is an
 * in-memory uplink that keeps entries by seq, as the hub's store does (unique (station, seq)).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../app/domain/errors';
import type { Picking } from '../../../app/domain/picking.schema';
import type { LedgerUplink } from '../../../app/hub/hub-link.ports';
import type { LedgerAck, LedgerBatch } from '../../../app/hub/hub-protocol.schema';
import type { HubLedgerEntry } from '../../../app/hub/ledger-event.schema';
import { runLabels } from '../../../main/cli/labels.command';
import { waitUntil } from '../../../main/demo/wait-for';
import { systemClock } from '../../../main/system-clock';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { SyncEngine } from '../../../sync/engine/sync.engine';
import { createHubDeliverer } from '../../../sync/hub/hub-ledger.deliverer';
import { createOdooDeliverer } from '../../../sync/odoo/odoo.deliverer';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { shipment, tempDir } from '../../unit/sync/outbox/outbox-fixtures';
import { cleanups, world } from './odoo-world';

/** The hub's side: entries kept by seq; `down` refuses the connection, `loseAcks` stores a batch and loses the reply. */
class HubStub implements LedgerUplink {
  readonly entries = new Map<number, HubLedgerEntry>();
  readonly batches: number[][] = [];
  down = false;
  loseAcks = 0;

  async sendLedger(batch: LedgerBatch): Promise<LedgerAck> {
    if (this.down) throw new StationError('NETWORK', 'hub link: connect ECONNREFUSED 127.0.0.1:8443');
    this.batches.push(batch.entries.map((e) => e.seq));
    let stored = 0;
    for (const entry of batch.entries) {
      if (this.entries.has(entry.seq)) continue;
      this.entries.set(entry.seq, entry);
      stored += 1;
    }
    if (this.loseAcks > 0) {
      this.loseAcks -= 1;
      throw new StationError('TIMEOUT', 'hub link: no acknowledgement within 10000 ms');
    }
    return { ok: true, stored, highestSeq: Math.max(...this.entries.keys()) };
  }

  /** What the hub holds, in seq order. */
  ledger(): HubLedgerEntry[] {
    return [...this.entries.values()].sort((a, b) => a.seq - b.seq);
  }
}

const policy = { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 5 };

describe('the ledger upload to the hub', () => {
  const tmp = tempDir();
  let stations = 0;
  afterAll(() => tmp.cleanup());

  async function station(opts: { hub: boolean }) {
    const { sandbox: odoo, gateway } = await world(17);
    const db: StationDb = openStationDb(tmp.file(`station-${++stations}.db`));
    cleanups.push(async () => closeStationDb(db));
    const store = new OutboxStore(db, systemClock, { hubLedger: opts.hub });
    const ledger = new SqliteLedger(db, systemClock, store);
    const cache = new SqlitePickingCache(db, systemClock, store);
    const hub = new HubStub();
    const engine = new SyncEngine({
      store,
      deliverers: { odoo: createOdooDeliverer(gateway, { stationId: 'bench-7' }), ...(opts.hub ? { hub: createHubDeliverer(hub) } : {}) },
      clock: systemClock,
      policy,
    });
    cleanups.push(() => engine.stop());
    ledger.onEnqueued(() => engine.kick());
    const [seeded] = odoo.createPickings(1, { linesPerPicking: 2 });
    const picking = (await gateway.findPicking(seeded!.name)) as Picking;
    cache.cachePicking(picking);
    const pack = (index: number) => {
      const line = picking.lines[index - 1]!;
      ledger.recordParcelPacked({ pickingId: picking.id, index, items: [{ moveId: line.moveId, productId: line.productId, quantity: line.quantity }], packageTypeId: null, weightG: 900 });
    };
    const buy = (index: number, tracking: string, shipmentId: string) => ledger.recordLabelBought(picking.id, index, `${picking.name}#${index}`, shipment(tracking, shipmentId));
    /** Both parcels packed and labelled (TRK1, TRK2). */
    const packAndLabel = () => {
      pack(1);
      pack(2);
      buy(1, 'TRK1', 'shp_1');
      buy(2, 'TRK2', 'shp_2');
    };
    const hubRows = () =>
      db.prepare(`SELECT id, state FROM outbox WHERE target = 'hub' ORDER BY id`).all() as { id: number; state: string }[];
    const pending = (target: string) => store.status(Date.now()).sync.find((t) => t.target === target)?.depth ?? 0;
    return { odoo, db, store, ledger, engine, hub, picking, pack, buy, packAndLabel, hubRows, pending };
  }

  it('packed, labelled, printed, voided, relabelled, validated: each fact once, in the station order', async () => {
    const s = await station({ hub: true });
    const { id, name } = s.picking;
    await s.engine.start();
    s.packAndLabel();
    s.ledger.recordLabelPrinted(id, 1);
    s.ledger.recordLabelPrinted(id, 1); // a reprint is no new fact
    s.ledger.recordLabelPrinted(id, 2);
    s.ledger.voidLabel({ reference: `${name}#1`, reason: 'box crushed', by: 'Ana' });
    s.buy(1, 'TRK3', 'shp_3');
    s.ledger.recordLabelPrinted(id, 1); // the new label's first print
    expect(s.ledger.recordPickingPacked(id)).toBe(true);
    expect(s.ledger.recordPickingPacked(id)).toBe(false);
    await waitUntil(() => s.odoo.validations().includes(id) && s.pending('odoo') === 0 && s.pending('hub') === 0, 10_000, 'Odoo validated and the hub has every fact');

    const ledger = s.hub.ledger();
    expect(ledger.map((e) => [e.fact.type, 'parcelIndex' in e.fact ? e.fact.parcelIndex : null])).toEqual([
      ['parcel.packed', 1],
      ['parcel.packed', 2],
      ['label.bought', 1],
      ['label.bought', 2],
      ['label.printed', 1],
      ['label.printed', 2],
      ['label.voided', 1],
      ['label.bought', 1],
      ['label.printed', 1],
      ['picking.packed', null],
      ['picking.validated', null],
    ]);
    expect(ledger.every((e) => e.fact.pickingId === id && e.fact.pickingName === name)).toBe(true);
    expect(ledger[2]!.fact).toMatchObject({ shipmentId: 'shp_1', trackingCode: 'TRK1', carrier: 'USPS', service: 'Priority', price: 7.58, currency: 'USD', isReturn: false });
    expect(ledger[6]!.fact).toMatchObject({ shipmentId: 'shp_1', trackingCode: 'TRK1', reason: 'box crushed', by: 'Ana' });
    expect(ledger[9]!.fact).toMatchObject({ parcels: 2 });
    // seq is the outbox id, `at` the time it was queued: the hub's entries are the station's rows, each sent once.
    const rows = s.hubRows();
    expect(ledger.map((e) => e.seq)).toEqual(rows.map((r) => r.id));
    expect(rows.every((r) => r.state === 'done')).toBe(true);
    expect(s.hub.batches.flat()).toEqual(rows.map((r) => r.id));
  });

  it('a transaction that fails queues no fact, and a fact that cannot be queued fails its record', async () => {
    const s = await station({ hub: true });
    const { id } = s.picking;
    expect(() =>
      s.ledger.atomically(() => {
        s.pack(1);
        throw new Error('the packer cancelled');
      }),
    ).toThrow('the packer cancelled');
    expect(s.hubRows()).toEqual([]);
    expect(s.ledger.progress(id).parcels).toEqual([]);

    // The hub's queue refuses a row: the record that fact describes is not written either, nor its Odoo event.
    s.db.exec(`CREATE TEMP TRIGGER refuse_hub BEFORE INSERT ON outbox WHEN NEW.target = 'hub' BEGIN SELECT RAISE(ABORT, 'hub queue refused'); END`);
    expect(() => s.pack(1)).toThrow(/hub queue refused/);
    expect(s.ledger.progress(id).parcels).toEqual([]);
    expect(s.pending('odoo')).toBe(0);
    s.db.exec(`DROP TRIGGER refuse_hub`);
    s.packAndLabel();
    s.ledger.recordPickingPacked(id);
    await s.engine.start();
    // Odoo's acknowledgement of the validation cannot be marked done without its fact: it stays pending, then goes.
    s.db.exec(`CREATE TEMP TRIGGER refuse_hub BEFORE INSERT ON outbox WHEN NEW.target = 'hub' BEGIN SELECT RAISE(ABORT, 'hub queue refused'); END`);
    await waitUntil(() => s.odoo.validations().includes(id), 10_000, 'Odoo validated the picking');
    await new Promise((r) => setTimeout(r, 200));
    expect(s.db.prepare(`SELECT state FROM outbox WHERE type = 'picking.validate'`).get()).toEqual({ state: 'pending' });
    s.db.exec(`DROP TRIGGER refuse_hub`);
    await waitUntil(() => s.pending('odoo') === 0 && s.pending('hub') === 0, 10_000, 'the validation acknowledged and uploaded');
    expect(s.hub.ledger().map((e) => e.fact.type)).toEqual(['parcel.packed', 'parcel.packed', 'label.bought', 'label.bought', 'picking.packed', 'picking.validated']);
  });

  it('a station without a hub queues nothing for one, and lists no hub target', async () => {
    const s = await station({ hub: false });
    const { id, name } = s.picking;
    await s.engine.start();
    s.pack(1);
    s.pack(2);
    s.buy(1, 'TRK1', 'shp_1');
    s.ledger.recordLabelPrinted(id, 1);
    s.ledger.voidLabel({ reference: `${name}#1`, reason: 'box crushed', by: 'Ana' });
    s.buy(1, 'TRK3', 'shp_3');
    s.buy(2, 'TRK2', 'shp_2');
    s.ledger.recordPickingPacked(id);
    await waitUntil(() => s.odoo.validations().includes(id) && s.pending('odoo') === 0, 10_000, 'Odoo validated the picking');
    expect(s.hubRows()).toEqual([]);
    expect(s.store.status(Date.now()).sync.map((t) => t.target)).toEqual(['odoo', 'carrier']);
  });

  it('a hub outage holds the backlog (no dead letter); it drains in seq order when the hub returns; a lost acknowledgement repeats harmlessly', async () => {
    const s = await station({ hub: true });
    const { id } = s.picking;
    s.hub.down = true;
    await s.engine.start();
    s.packAndLabel();
    s.ledger.recordLabelPrinted(id, 1);
    s.ledger.recordLabelPrinted(id, 2);
    s.ledger.recordPickingPacked(id);
    await waitUntil(() => s.odoo.validations().includes(id) && s.pending('odoo') === 0, 10_000, 'Odoo validated the picking');
    // Well past maxAttempts of backoff (≤ 100 ms each): an outage is waited out, never dead-lettered.
    await waitUntil(() => (s.db.prepare(`SELECT attempts FROM outbox WHERE target = 'hub' ORDER BY id LIMIT 1`).get() as { attempts: number }).attempts > policy.maxAttempts + 2, 10_000, 'several attempts at the hub');
    const hub = s.store.status(Date.now()).sync.find((t) => t.target === 'hub')!;
    expect(hub).toMatchObject({ depth: 8, lastError: expect.stringMatching(/^NETWORK: hub link/) });
    expect(hub.unreachableSince).not.toBeNull();
    expect(s.store.deadLetters()).toEqual([]);
    expect(s.hub.entries.size).toBe(0);

    s.hub.loseAcks = 1;
    s.hub.down = false;
    await waitUntil(() => s.pending('hub') === 0, 10_000, 'the hub backlog to drain');
    const rows = s.hubRows();
    expect(s.hub.ledger().map((e) => e.seq)).toEqual(rows.map((r) => r.id));
    expect(s.hub.ledger().map((e) => e.fact.type)).toEqual(['parcel.packed', 'parcel.packed', 'label.bought', 'label.bought', 'label.printed', 'label.printed', 'picking.packed', 'picking.validated']);
    // The batch whose acknowledgement was lost went again whole; the hub kept each entry once.
    const ids = rows.map((r) => r.id);
    expect(s.hub.batches).toEqual([ids, ids]);
    expect(s.store.status(Date.now()).sync.find((t) => t.target === 'hub')).toMatchObject({ depth: 0, lastError: null, unreachableSince: null });
    expect(s.store.deadLetters()).toEqual([]);
  });

  it('`station void --db` on a station that reports to a hub queues its fact too; on one without, none', async () => {
    for (const hub of [true, false]) {
      const s = await station({ hub });
      const { name } = s.picking;
      s.pack(1);
      s.buy(1, 'TRK1', 'shp_1');
      const out: string[] = [];
      const file = s.db.name;
      expect(await runLabels('void', ['--db', file, `${name}#1`, '--reason', 'wrong box', '--by', 'Ana'], { stdout: (t) => out.push(t), env: {} })).toBe(0);
      const facts = s.db.prepare(`SELECT payload FROM outbox WHERE target = 'hub' ORDER BY id`).all() as { payload: string }[];
      const types = facts.map((f) => (JSON.parse(f.payload) as { fact: { type: string } }).fact.type);
      expect(types).toEqual(hub ? ['parcel.packed', 'label.bought', 'label.voided'] : []);
    }
  });
});
