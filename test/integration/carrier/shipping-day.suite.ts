/**
 * Return labels and end-of-day manifests against a platform's sandbox over real HTTP, with the station's real parts
 * around it (SQLite ledger and stores, the carrier desk, the return-label and manifest services): a return label is
 * bought once even when its reply is lost, and goes on no manifest; the day's outbound labels go on one form per
 * carrier, the form is saved as a PDF and its summary queued; a second run makes nothing new.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintRequest } from '../../../app/domain/print-job.schema';
import type { RatePolicy } from '../../../app/domain/rate-policy.schema';
import { RatePolicySchema } from '../../../app/domain/rate-policy.schema';
import type { CarrierPlatform } from '../../../app/ports';
import { EndOfDayManifests } from '../../../sync/carrier/manifest.service';
import { ReturnLabels } from '../../../sync/carrier/return-label.service';
import { ShippingDesk } from '../../../sync/carrier/shipping-desk';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { ManifestStore } from '../../../sync/outbox/manifests.store';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { ReturnLabelStore } from '../../../sync/outbox/return-labels.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { realClock } from '../../support/real-clock';
import { parcel, picking, tempDir } from '../../unit/sync/outbox/outbox-fixtures';
import { CUSTOMER, WAREHOUSE } from './platform-contract';

export interface ShippingDayWorld {
  platform: CarrierPlatform;
  /** 'drop': the request is applied, then its reply is lost. */
  failNext(n: number, kind: 'drop' | 'http500'): void;
  purchases(): { shipmentId: string; trackingCode: string }[];
  close(): Promise<void>;
}

/** Shippo rates a parcel only with its sizes: the pickings offer one box and use it by default. */
const BOX = { id: 3, name: 'Box M', barcode: null, tareG: 150, lengthMm: 254, widthMm: 203, heightMm: 102, maxWeightG: null };
const shippable = (id: number) => picking(id, { partner: CUSTOMER, warehouse: WAREHOUSE, packageTypes: [BOX], defaultPackageTypeId: BOX.id });

const preferred = (service: string): RatePolicy => RatePolicySchema.parse({ choose: 'preferred', preferred: [service] });

export function describeShippingDay(name: string, makeWorld: () => Promise<ShippingDayWorld>, services: { first: string; second: string }): void {
  describe(`${name}: return labels and end-of-day manifests`, () => {
    let world: ShippingDayWorld;
    let tmp: ReturnType<typeof tempDir>;
    let db: StationDb;
    let ledger: SqliteLedger;
    let cache: SqlitePickingCache;
    let printed: PrintRequest[];
    let returns: ReturnLabels;
    let manifests: EndOfDayManifests;

    /** The carrier desk as the station wires it: each shipment id in the ledger before its purchase. */
    const deskWith = (policy: RatePolicy | undefined, verifyAddresses: boolean) => {
      const desk = new ShippingDesk({ platform: world.platform, policies: { policy, policies: {}, services: [] }, verifyAddresses, clock: realClock });
      desk.onShipmentCreated = (reference, shipmentId) => ledger.recordShipmentCreated(reference, shipmentId);
      return desk;
    };

    /** Packs picking `id` in one parcel and buys its outbound label through the carrier desk with `policy`. */
    const shipOut = async (id: number, policy?: RatePolicy) => {
      const p = shippable(id);
      cache.cachePicking(p);
      ledger.recordParcelPacked({ ...parcel(id, 1), weightG: 900 });
      const desk = deskWith(policy, false);
      const request = { reference: `${p.name}#1`, from: WAREHOUSE, to: CUSTOMER, parcel: { weightG: 900, packageType: BOX }, labelDpi: 203 as const, services: [] };
      const shipment = await desk.buyLabel(request);
      ledger.recordLabelBought(id, 1, request.reference, shipment);
      return shipment;
    };

    beforeEach(async () => {
      world = await makeWorld();
      tmp = tempDir();
      db = openStationDb(tmp.file());
      const outbox = new OutboxStore(db, realClock);
      ledger = new SqliteLedger(db, realClock, outbox);
      cache = new SqlitePickingCache(db, realClock, outbox);
      printed = [];
      const print = (request: PrintRequest) => (printed.push(request), `job-${printed.length}`);
      returns = new ReturnLabels({
        desk: deskWith(undefined, true),
        services: [],
        store: new ReturnLabelStore(db, realClock, outbox),
        pickings: { cached: (scan) => cache.cachedPicking(scan), load: async () => null },
        printer: { dpi: () => 203, fitLabel: (label) => label, submit: print },
        clock: realClock,
      });
      manifests = new EndOfDayManifests({
        platform: world.platform,
        store: new ManifestStore(db, realClock),
        documentsDir: join(tmp.dir, 'manifests'),
        print: (zpl) => print({ kind: 'manifest-summary', target: 'label', pickingId: null, parcelIndex: null, data: zpl }),
        dpi: () => 203,
        stationId: 'pack-07',
        clock: realClock,
      });
    });
    afterEach(async () => {
      closeStationDb(db);
      tmp.cleanup();
      await world.close();
    });

    it('buys a return label once though the reply of its purchase was lost, prints it, and keeps it off the manifest', async () => {
      cache.cachePicking(shippable(12));
      // The purchase itself goes through and its reply is lost (the verification and quote before it answered).
      const buy = world.platform.buy.bind(world.platform);
      world.platform.buy = async (...args) => {
        world.platform.buy = buy;
        world.failNext(1, 'drop');
        return buy(...args);
      };
      await expect(returns.buy('WH/OUT/00012')).rejects.toThrow();
      expect(world.purchases()).toHaveLength(1);
      const { label, printJobId } = await returns.buy('WH/OUT/00012');
      expect(world.purchases()).toEqual([{ shipmentId: label.shipmentId, trackingCode: label.trackingCode }]);
      expect(label).toMatchObject({ reference: 'WH/OUT/00012#R1', pickingId: 12 });
      expect(printJobId).toBe('job-1');
      expect(printed[0]).toMatchObject({ kind: 'return-label', pickingId: 12, parcelIndex: null });
      expect(printed[0]?.data).toContain(label.trackingCode);
      await shipOut(13);
      const run = await manifests.run();
      expect(run.groups.flatMap((g) => g.trackingCodes)).not.toContain(label.trackingCode);
      expect(run.groups.flatMap((g) => g.trackingCodes)).toHaveLength(1);
    });

    it("puts the day's labels on one form per carrier, saves each PDF, queues the summaries; a second run makes nothing new", async () => {
      const a = await shipOut(12, preferred(services.first));
      const b = await shipOut(13, preferred(services.second));
      const c = await shipOut(14, preferred(services.first));
      expect(a.rate.carrier).not.toBe(b.rate.carrier);
      const run = await manifests.run();
      expect(run.groups).toHaveLength(2);
      for (const group of run.groups) {
        expect(group.outcome === 'created' || group.outcome === 'pending').toBe(true);
        expect(group.manifestId).toEqual(expect.any(String));
        if (group.outcome === 'created' && group.documentPath !== null) {
          expect(existsSync(group.documentPath)).toBe(true);
          expect(readFileSync(group.documentPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
        }
      }
      const byCarrier = new Map(run.groups.map((g) => [g.carrier.toLowerCase(), [...g.trackingCodes].sort()]));
      expect(byCarrier.get(a.rate.carrier.toLowerCase())).toEqual([a.trackingCode, c.trackingCode].sort());
      expect(byCarrier.get(b.rate.carrier.toLowerCase())).toEqual([b.trackingCode]);
      const summaries = printed.filter((p) => p.kind === 'manifest-summary');
      expect(summaries).toHaveLength(2);
      expect(summaries.some((s) => s.data.includes(`^FD${a.trackingCode}^FS`) && s.data.includes('PARCELS 2'))).toBe(true);

      const again = await manifests.run();
      expect(again.groups).toEqual([]);
      expect(printed.filter((p) => p.kind === 'manifest-summary')).toHaveLength(2);
    });

    it('a form whose reply was lost leaves its shipments unmanifested; the next run puts them on a form, a third finds nothing', async () => {
      const a = await shipOut(12);
      world.failNext(1, 'drop');
      const lost = await manifests.run();
      expect(lost.groups.map((g) => g.outcome)).toEqual(['failed']);
      const next = await manifests.run();
      expect(next.groups.map((g) => [g.outcome, g.trackingCodes])).toEqual([[expect.stringMatching(/^(created|pending)$/), [a.trackingCode]]]);
      expect((await manifests.run()).groups).toEqual([]);
    });
  });
}
