/**
 * The end-of-day run over a fake platform and a real station database: one form per carrier, its shipments marked,
 * its PDF saved, its summary label queued; failures leave shipments unmanifested; a second run finds nothing new.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Address } from '../../../../app/domain';
import { EndOfDayManifests, localDay } from '../../../../sync/carrier/manifest.service';
import { ManifestStore } from '../../../../sync/outbox/manifests.store';
import { FakeClock } from '../../../support/fake-clock';
import { ledgerWorld, type LedgerWorld } from '../outbox/ledger-world';
import { picking } from '../outbox/outbox-fixtures';
import { FakeCarrierPlatform } from './fake-carrier-platform';

const DAY = 86_400_000;

describe('EndOfDayManifests', () => {
  let world: LedgerWorld;
  let db: LedgerWorld['db'];
  let clock: LedgerWorld['clock'];
  let ledger: LedgerWorld['ledger'];
  let cache: LedgerWorld['cache'];
  let store: ManifestStore;
  let platform: FakeCarrierPlatform;
  let summaries: string[];
  let odooFrom: Map<number, Address>;
  let manifests: EndOfDayManifests;

  const buy = (pickingId: number, tracking: string, carrier = 'USPS') => {
    cache.cachePicking(picking(pickingId));
    ledger.recordLabelBought(pickingId, 1, `WH/OUT/${String(pickingId).padStart(5, '0')}#1`, platform.shipment(tracking, carrier));
  };

  beforeEach(() => {
    world = ledgerWorld(new FakeClock(Date.UTC(2026, 11, 2, 15)));
    ({ db, clock, ledger, cache } = world);
    store = new ManifestStore(db, clock);
    platform = new FakeCarrierPlatform();
    summaries = [];
    odooFrom = new Map();
    manifests = new EndOfDayManifests({
      platform,
      store,
      shipFrom: async (ids) => new Map([...odooFrom].filter(([id]) => ids.includes(id))),
      documentsDir: join(world.tmp.dir, 'manifests'),
      print: (zpl) => {
        summaries.push(zpl);
        return `job-${summaries.length}`;
      },
      dpi: () => 203,
      stationId: 'pack-01',
      clock,
    });
  });
  afterEach(() => world.close());

  it('makes one form per carrier, marks its shipments, saves its PDF and queues its summary; a second run finds nothing', async () => {
    buy(12, 'T12');
    buy(13, 'T13', 'UPS');
    buy(14, 'T14');
    const run = await manifests.run();
    expect(platform.calls).toEqual([
      'manifest UPS T13',
      'download https://files.example/sf_ups_0.pdf',
      'manifest USPS T12,T14',
      'download https://files.example/sf_usps_1.pdf',
    ]);
    expect(platform.manifests.map((m) => m.from)).toEqual([picking(13).warehouse, picking(12).warehouse]);
    expect(run).toMatchObject({ day: localDay(clock.now()).date, dryRun: false, leftFromEarlierDays: 0, documentsFetched: [] });
    expect(run.groups.map((g) => [g.carrier, g.carrierAccount, g.outcome, g.manifestId, g.trackingCodes, g.printJobId, g.detail])).toEqual([
      ['UPS', 'ca_ups', 'created', 'sf_ups_0', ['T13'], 'job-1', null],
      ['USPS', 'ca_usps', 'created', 'sf_usps_1', ['T12', 'T14'], 'job-2', null],
    ]);
    const path = join(world.tmp.dir, 'manifests', 'sf_usps_1.pdf');
    expect(run.groups[1]?.documentPath).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe('%PDF-1.4 form at https://files.example/sf_usps_1.pdf');
    expect(existsSync(`${path}.part`)).toBe(false);
    expect(summaries[1]).toContain('PARCELS 2');
    expect(summaries[1]).toContain('^FDT14^FS');
    expect(store.get('sf_usps_1')).toMatchObject({ status: 'created', documentPath: path, printedAt: clock.now() });

    const again = await manifests.run();
    expect(again.groups).toEqual([]);
    expect(platform.calls).toHaveLength(4);
    expect(summaries).toHaveLength(2);
  });

  it('a carrier the platform refuses keeps its shipments unmanifested; the other carriers go on', async () => {
    buy(12, 'T12');
    buy(13, 'T13', 'UPS');
    platform.manifestAnswer = (carrier, shipments) =>
      carrier === 'UPS' ? new Error('UPS pickup not scheduled') : { manifestId: 'sf_ok', carrier, status: 'created', trackingCodes: shipments.map((s) => s.trackingCode), documentUrl: null };
    const run = await manifests.run();
    expect(run.groups.map((g) => [g.carrier, g.outcome, g.detail])).toEqual([
      ['UPS', 'failed', 'UPS pickup not scheduled: these shipments stay unmanifested'],
      ['USPS', 'created', 'the platform gave no form to download'],
    ]);
    expect(store.candidates(0).map((c) => c.reference)).toEqual(['WH/OUT/00013#1']);
    platform.manifestAnswer = (carrier) => ({ manifestId: 'sf_failed', carrier, status: 'failed', trackingCodes: [], documentUrl: null, detail: 'invalid account' });
    const failed = await manifests.run();
    expect(failed.groups.map((g) => [g.outcome, g.manifestId])).toEqual([['failed', 'sf_failed']]);
    expect(store.get('sf_failed')?.status).toBe('failed');
    expect(store.candidates(0)).toHaveLength(1);
  });

  it('records a pending form with its shipments and says its PDF must come from the platform', async () => {
    buy(12, 'T12');
    platform.manifestAnswer = (carrier) => ({ manifestId: 'sf_wait', carrier, status: 'pending', trackingCodes: [], documentUrl: null });
    const run = await manifests.run();
    expect(run.groups[0]).toMatchObject({ outcome: 'pending', manifestId: 'sf_wait', trackingCodes: ['T12'], printJobId: 'job-1', documentPath: null });
    expect(run.groups[0]?.detail).toMatch(/still making the form.*take its PDF from the platform/);
    expect(store.candidates(0)).toEqual([]);
  });

  it('fetches on the next run a form whose download failed', async () => {
    buy(12, 'T12');
    platform.downloadFails = true;
    const run = await manifests.run();
    expect(run.groups[0]).toMatchObject({ outcome: 'created', documentPath: null });
    expect(run.groups[0]?.detail).toMatch(/form not saved \(form storage unreachable\)/);
    platform.downloadFails = false;
    const next = await manifests.run();
    expect(next).toMatchObject({ groups: [], documentsFetched: ['sf_usps_0'] });
    expect(store.get('sf_usps_0')?.documentPath).toBe(join(world.tmp.dir, 'manifests', 'sf_usps_0.pdf'));
  });

  it('a dry run asks the platform nothing and writes nothing; --carrier narrows; earlier days are counted, not manifested', async () => {
    clock.advance(-DAY);
    buy(11, 'OLD');
    clock.advance(DAY);
    buy(12, 'T12');
    buy(13, 'T13', 'UPS');
    const dry = await manifests.run({ dryRun: true });
    expect(dry.groups.map((g) => [g.carrier, g.outcome, g.trackingCodes])).toEqual([
      ['UPS', 'planned', ['T13']],
      ['USPS', 'planned', ['T12']],
    ]);
    expect(dry.leftFromEarlierDays).toBe(1);
    expect(platform.calls).toEqual([]);
    expect(summaries).toEqual([]);
    const ups = await manifests.run({ carrier: 'ups' });
    expect(ups.groups.map((g) => [g.carrier, g.outcome])).toEqual([['UPS', 'created']]);
    expect(manifests.preview().groups.map((g) => [g.carrier, g.trackingCodes, g.from])).toEqual([['USPS', ['T12'], 'Warehouse, 1 Main St']]);
  });

  it('reads the ship-from from Odoo for pickings the station no longer holds, and skips labels of another platform', async () => {
    buy(12, 'T12');
    buy(13, 'T13');
    db.prepare(`DELETE FROM picking_cache WHERE picking_id = 13`).run();
    db.prepare(`UPDATE shipments SET platform = 'shippo' WHERE reference = 'WH/OUT/00012#1'`).run();
    const reno: Address = { name: 'Reno DC', street1: '9 Desert Rd', city: 'Reno', zip: '89501', country: 'US' };
    const none = await manifests.run();
    expect(none.groups.map((g) => [g.platform, g.outcome, g.detail])).toEqual([
      ['shippo', 'skipped', 'bought on shippo; the station uses easypost now: make this form on shippo'],
      ['easypost', 'failed', expect.stringMatching(/ship-from address .* not known/)],
    ]);
    odooFrom.set(13, reno);
    const run = await manifests.run();
    expect(run.groups.map((g) => [g.platform, g.outcome, g.from])).toEqual([
      ['shippo', 'skipped', 'Warehouse, 1 Main St'],
      ['easypost', 'created', 'Reno DC, 9 Desert Rd'],
    ]);
    expect(platform.manifests.map((m) => m.from)).toEqual([reno]);
  });
});
