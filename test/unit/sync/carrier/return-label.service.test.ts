/**
 * Return labels over a fake platform and a real station database: the request (return flag, addresses, the
 * heaviest parcel), the two phases (the shipment id is in the ledger before the purchase; an interrupted one is
 * resumed, never bought again), the print job and the Odoo event, and where the picking comes from.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Label, Picking, PrintRequest } from '../../../../app/domain';
import { StationError } from '../../../../app/domain/errors';
import { ReturnLabels } from '../../../../sync/carrier/return-label.service';
import { ShippingDesk } from '../../../../sync/carrier/shipping-desk';
import { ReturnLabelStore } from '../../../../sync/outbox/return-labels.store';
import { ledgerWorld, type LedgerWorld } from '../outbox/ledger-world';
import { parcel, picking } from '../outbox/outbox-fixtures';
import { FakeCarrierPlatform } from './fake-carrier-platform';

describe('ReturnLabels', () => {
  let world: LedgerWorld;
  let db: LedgerWorld['db'];
  let ledger: LedgerWorld['ledger'];
  let cache: LedgerWorld['cache'];
  let platform: FakeCarrierPlatform;
  let printed: PrintRequest[];
  let odooLoads: unknown[];
  let unprintable: boolean;
  let fromOdoo: Picking | null;
  let returns: ReturnLabels;

  const shipmentRows = () => db.prepare(`SELECT reference, shipment_id, shipment IS NOT NULL AS bought, is_return FROM shipments ORDER BY reference`).all();
  const eventTypes = () => (db.prepare(`SELECT type FROM outbox ORDER BY id`).all() as { type: string }[]).map((r) => r.type);

  beforeEach(() => {
    world = ledgerWorld();
    ({ db, ledger, cache } = world);
    const { clock, outbox } = world;
    cache.cachePicking(picking(12));
    platform = new FakeCarrierPlatform();
    printed = [];
    odooLoads = [];
    unprintable = false;
    fromOdoo = null;
    const desk = new ShippingDesk({ platform, policies: { policies: {}, services: [] }, verifyAddresses: true, clock });
    desk.onShipmentCreated = (reference, shipmentId) => ledger.recordShipmentCreated(reference, shipmentId);
    returns = new ReturnLabels({
      desk,
      services: [],
      store: new ReturnLabelStore(db, clock, outbox),
      pickings: {
        cached: (scan) => cache.cachedPicking(scan),
        load: async (ref) => {
          odooLoads.push(ref);
          return fromOdoo;
        },
      },
      printer: {
        dpi: () => 203,
        fitLabel: (label: Label) => {
          if (unprintable) throw new StationError('REJECTED', 'PDF labels cannot go to a ZPL printer');
          return label;
        },
        submit: (request) => {
          printed.push(request);
          return `job-${printed.length}`;
        },
      },
      clock,
    });
  });
  afterEach(() => world.close());

  it('buys a return label for the heaviest parcel, records it before and after buying, prints it and queues its copy for Odoo', async () => {
    ledger.recordParcelPacked({ ...parcel(12, 1), weightG: 700 });
    ledger.recordParcelPacked({ ...parcel(12, 2), weightG: 1900 });
    const seenAtBuy: unknown[] = [];
    const buy = platform.buy.bind(platform);
    platform.buy = async (...args) => {
      seenAtBuy.push(shipmentRows());
      return buy(...args);
    };
    const result = await returns.buy('WH/OUT/00012');
    expect(platform.calls).toEqual(['verify', 'quote WH/OUT/00012#R1 return', 'buy shp_1 rate_usps']);
    const request = platform.requests[0];
    expect(request).toMatchObject({ reference: 'WH/OUT/00012#R1', isReturn: true, from: picking(12).warehouse, to: picking(12).partner, parcel: { weightG: 1900 }, labelDpi: 203, odooCarrier: 'Demo carrier' });
    expect(seenAtBuy).toEqual([[{ reference: 'WH/OUT/00012#R1', shipment_id: 'shp_1', bought: 0, is_return: 0 }]]);
    expect(shipmentRows()).toEqual([{ reference: 'WH/OUT/00012#R1', shipment_id: 'shp_1', bought: 1, is_return: 1 }]);
    expect(result).toEqual({ label: expect.objectContaining({ reference: 'WH/OUT/00012#R1', pickingName: 'WH/OUT/00012', trackingCode: 'RT0001', carrier: 'USPS' }), printJobId: 'job-1', printError: null });
    expect(printed).toEqual([{ kind: 'return-label', target: 'label', pickingId: 12, parcelIndex: null, data: expect.stringContaining('^FDRT0001^FS') }]);
    expect(eventTypes()).toEqual(['parcel.packed', 'parcel.packed', 'return.label']);
    // A second one is a second label (a customer sending two boxes back): the next number.
    await returns.buy('S00012');
    expect(platform.requests[1]?.reference).toBe('WH/OUT/00012#R2');
  });

  it('resumes a purchase whose reply was lost under the same reference: the label bought then is adopted, not bought again', async () => {
    platform.failNextBuy = { error: new StationError('NETWORK', 'reply lost'), bought: true };
    await expect(returns.buy('WH/OUT/00012')).rejects.toMatchObject({ code: 'NETWORK' });
    expect(printed).toEqual([]);
    const result = await returns.buy('WH/OUT/00012');
    expect(platform.calls.filter((c) => c.startsWith('quote') || c.startsWith('read'))).toEqual(['quote WH/OUT/00012#R1 return', 'read shp_1']);
    expect(result.label).toMatchObject({ reference: 'WH/OUT/00012#R1', shipmentId: 'shp_1', trackingCode: 'RT0001' });
    expect(printed).toHaveLength(1);
    expect(returns.recentFailures()).toEqual([expect.objectContaining({ picking: 'WH/OUT/00012', error: expect.stringContaining('reply lost') })]);
  });

  it('a label the printer cannot take is still recorded and sent to Odoo; the answer says why it did not print', async () => {
    unprintable = true;
    const result = await returns.buy('12');
    expect(result).toMatchObject({ printJobId: null, printError: 'PDF labels cannot go to a ZPL printer' });
    expect(eventTypes()).toEqual(['return.label']);
  });

  it('reads from Odoo a picking whose copy was masked after packing (by id), or one the station never held (by scan)', async () => {
    db.prepare(`UPDATE picking_cache SET masked_at = 1`).run();
    fromOdoo = picking(12);
    await returns.buy('WH/OUT/00012', { weightG: 450 });
    expect(odooLoads).toEqual([{ id: 12 }]);
    expect(platform.requests[0]?.parcel.weightG).toBe(450);
    fromOdoo = null;
    await expect(returns.buy('WH/OUT/00099')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(odooLoads).toEqual([{ id: 12 }, { scan: 'WH/OUT/00099' }]);
  });

  it('refuses a second purchase for the same picking while one is under way, and a picking with no weight known', async () => {
    const first = returns.buy('WH/OUT/00012');
    await expect(returns.buy('WH/OUT/00012')).rejects.toThrow(/being bought already/);
    await first;
    cache.cachePicking(picking(13, { lines: [{ moveId: 1, productId: 1, productName: 'Gift card', defaultCode: null, barcode: null, quantity: 1, uom: 'Units', unitWeightG: 0 }] }));
    await expect(returns.buy('WH/OUT/00013')).rejects.toThrow(/give the weight/);
    expect(platform.requests).toHaveLength(1);
  });
});
