/**
 * "Never a label nobody owns", through the real parts: the station's SQLite ledger and sync engine, the EasyPost
 * sandbox over HTTP for the refunds (a lost reply asked again, never refunded twice), the Odoo sandbox over HTTP for
 * what the picking shows (tracking codes, Shipping Cost, the label copies, the chatter). A supervisor's void, a
 * second label bought for a parcel, and a picking cancelled in Odoo after its labels were bought.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sumDecimals } from '../../../app/domain/freight.schema';
import type { Picking } from '../../../app/domain/picking.schema';
import type { Shipment } from '../../../app/domain/shipment.schema';
import { waitUntil } from '../../../main/demo/wait-for';
import { systemClock } from '../../../main/system-clock';
import { voidCancelledPickings } from '../../../main/wiring/labels.wiring';
import { createEasyPostPlatform } from '../../../sync/carrier/easypost.platform';
import { createCarrierDeliverer } from '../../../sync/carrier/label-void.deliverer';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { SyncEngine } from '../../../sync/engine/sync.engine';
import { createOdooDeliverer } from '../../../sync/odoo/odoo.deliverer';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { PickingPrefetcher } from '../../../sync/odoo/picking-prefetch';
import { SqliteCarrierExceptions } from '../../../sync/outbox/carrier-exceptions.store';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { VoidedLabelsStore } from '../../../sync/outbox/voided-labels.store';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import { contractRequest } from '../carrier/platform-contract';
import { tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('voided labels, end to end', () => {
  const tmp = tempDir();
  let stations = 0;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });
  afterAll(() => tmp.cleanup());

  async function station() {
    const odoo = new OdooSandbox({ version: 17 });
    const { url } = await odoo.listen(0, '127.0.0.1');
    cleanups.push(() => odoo.close());
    const carrier = await CarrierSandbox.start();
    cleanups.push(() => carrier.close());
    const gateway = new OdooJsonRpcGateway({ url, db: 'station', login: 'admin', apiKey: 'sandbox-key', timeoutMs: 5_000 });
    const platform = createEasyPostPlatform({ baseUrl: carrier.url, apiKey: 'sandbox-carrier-key', timeoutMs: 2_000 });
    const db = openStationDb(tmp.file(`station-${++stations}.db`));
    cleanups.push(() => closeStationDb(db));
    const store = new OutboxStore(db, systemClock);
    const ledger = new SqliteLedger(db, systemClock, store);
    const cache = new SqlitePickingCache(db, systemClock, store);
    const labels = new VoidedLabelsStore(db, systemClock, store);
    const exceptions = new SqliteCarrierExceptions(db, systemClock);
    const engine = new SyncEngine({
      store,
      deliverers: { odoo: createOdooDeliverer(gateway, { stationId: 'bench-7' }), carrier: createCarrierDeliverer({ platform, labels, exceptions }) },
      clock: systemClock,
      policy: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 5 },
    });
    cleanups.push(() => engine.stop());
    ledger.onEnqueued(() => engine.kick());
    await engine.start();

    const [seeded] = odoo.createPickings(1, { linesPerPicking: 2 });
    const picking = (await gateway.findPicking(seeded!.name)) as Picking;
    cache.cachePicking(picking);
    /** A parcel of one line, its label bought on the platform and recorded as the packing flow does. */
    const buy = async (index: number, record = true): Promise<Shipment> => {
      const request = contractRequest(`${picking.name}#${index}`);
      const quote = await platform.quote(request);
      const rate = [...quote.rates].sort((a, b) => Number(a.rate) - Number(b.rate))[0]!;
      const bought = await platform.buy(quote.shipmentId, rate.id, request);
      if (record) ledger.recordLabelBought(picking.id, index, request.reference, bought);
      return bought;
    };
    for (const index of [1, 2]) {
      const line = picking.lines[index - 1]!;
      ledger.recordParcelPacked({ pickingId: picking.id, index, items: [{ moveId: line.moveId, productId: line.productId, quantity: line.quantity }], packageTypeId: null, weightG: 900 });
    }
    const settled = () => waitUntil(() => store.pendingCount() === 0, 10_000, 'the outbox to drain');
    return { odoo, carrier, gateway, ledger, cache, labels, exceptions, store, picking, buy, settled };
  }

  it("freight in Odoo; a supervisor's void asks the refund once (its lost reply asked again) and takes the label off the picking", async () => {
    const s = await station();
    const [one, two] = [await s.buy(1), await s.buy(2)];
    await s.settled();
    expect(s.odoo.picking(s.picking.id)).toMatchObject({ carrier_tracking_ref: `${one.trackingCode},${two.trackingCode}`, carrier_price: Number(sumDecimals([one.rate.rate, two.rate.rate])) });

    s.carrier.failNext(1, 'drop');
    s.ledger.voidLabel({ reference: `${s.picking.name}#1`, reason: 'box crushed', by: 'Ana' });
    await s.settled();

    expect(s.labels.voidedOf(one.shipmentId)).toMatchObject({ status: 'submitted', requestedBy: 'Ana', reason: 'box crushed' });
    expect(s.carrier.refunds()).toEqual([{ trackingCode: one.trackingCode, status: 'submitted' }]);
    const shown = s.odoo.picking(s.picking.id);
    expect(shown).toMatchObject({ carrier_tracking_ref: two.trackingCode, carrier_price: Number(two.rate.rate) });
    expect(shown.attachments.map((a) => a.name).sort()).toEqual([
      `Label-${s.picking.name.replace(/\//g, '-')}-2-${two.trackingCode}.zpl`,
      `VOID-Label-${s.picking.name.replace(/\//g, '-')}-1-${one.trackingCode}.zpl`,
    ]);
    expect(shown.messages).toEqual([`Label ${one.trackingCode} voided at station bench-7: box crushed`]);
    // The parcel can get a new label: the ledger holds none for it, and its printed mark is gone.
    expect(s.ledger.progress(s.picking.id).parcels.map((p) => p.shipment?.trackingCode ?? null)).toEqual([null, two.trackingCode]);
    expect(() => s.ledger.voidLabel({ reference: `${s.picking.name}#1`, reason: 'again', by: 'Ana' })).toThrow(/no bought label to void/);
  });

  it('a second label bought for a parcel voids the first: refunded, and replaced in Odoo', async () => {
    const s = await station();
    const first = await s.buy(1);
    await s.settled();
    const second = await s.buy(1);
    await s.settled();
    expect(s.labels.voidedOf(first.shipmentId)).toMatchObject({ reason: 'duplicate label', requestedBy: 'station', status: 'submitted' });
    expect(s.carrier.refunds()).toEqual([{ trackingCode: first.trackingCode, status: 'submitted' }]);
    expect(s.odoo.picking(s.picking.id)).toMatchObject({ carrier_tracking_ref: second.trackingCode, carrier_price: Number(second.rate.rate) });
  });

  it("a picking cancelled in Odoo after its labels were bought: the prefetch's next pass voids them", async () => {
    const s = await station();
    const [one, two] = [await s.buy(1), await s.buy(2)];
    await s.settled();
    const prefetch = new PickingPrefetcher({
      feed: s.gateway,
      cache: s.cache,
      clock: systemClock,
      options: { enabled: true, intervalMs: 60_000, maxPickings: 100, maxAgeDays: 36_500 },
      onCancelled: voidCancelledPickings({ ledger: s.ledger, log: silent }),
    });
    s.odoo.cancelInOdoo(s.picking.id);
    expect((await prefetch.refresh()).error).toBeNull();
    await s.settled();

    expect(s.labels.voided(10).map((v) => [v.trackingCode, v.reason, v.status]).sort()).toEqual(
      [[one.trackingCode, 'picking cancelled in Odoo', 'submitted'], [two.trackingCode, 'picking cancelled in Odoo', 'submitted']].sort(),
    );
    expect(s.carrier.refunds().map((r) => r.trackingCode).sort()).toEqual([one.trackingCode, two.trackingCode].sort());
    expect(s.odoo.picking(s.picking.id)).toMatchObject({ state: 'cancel', carrier_tracking_ref: false, carrier_price: 0 });
    expect(s.odoo.picking(s.picking.id).messages).toHaveLength(2);
    // Another pass finds nothing left to void.
    await prefetch.refresh();
    expect(s.labels.voided(10)).toHaveLength(2);
  });
});
