/** The manifest store on a real station database (real migrations, a temp file). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../../app/domain/carrier.schema';
import { ManifestStore } from '../../../../sync/outbox/manifests.store';
import { ledgerWorld, type LedgerWorld } from './ledger-world';
import { picking, shipment } from './outbox-fixtures';

const DAY = 86_400_000;

describe('ManifestStore', () => {
  let world: LedgerWorld;
  let db: LedgerWorld['db'];
  let clock: LedgerWorld['clock'];
  let ledger: LedgerWorld['ledger'];
  let cache: LedgerWorld['cache'];
  let store: ManifestStore;
  const today = () => clock.now() - 1000;

  /** An outbound label bought now for parcel 1 of picking `id`. */
  const buy = (id: number, tracking: string, carrier = 'USPS') => {
    const s = shipment(tracking, `shp_${tracking}`);
    ledger.recordLabelBought(id, 1, `WH/OUT/${String(id).padStart(5, '0')}#1`, { ...s, rate: { ...s.rate, carrier } });
  };
  const manifest = (id: string, codes: string[], over: Partial<Manifest> = {}): Manifest => ({ manifestId: id, carrier: 'USPS', status: 'created', trackingCodes: codes, documentUrl: `https://files.example/${id}.pdf`, ...over });
  const manifestIds = () => db.prepare(`SELECT reference, manifest_id FROM shipments ORDER BY reference`).all();

  beforeEach(() => {
    world = ledgerWorld();
    ({ db, clock, ledger, cache } = world);
    for (const id of [12, 13, 14, 15]) cache.cachePicking(picking(id));
    store = new ManifestStore(db, clock);
  });
  afterEach(() => world.close());

  it('offers today’s bought outbound labels on no manifest; earlier days, returns and unbought ones are not', () => {
    buy(12, 'OLD1');
    clock.advance(DAY);
    buy(13, 'T13', 'UPS');
    buy(14, 'T14');
    ledger.recordShipmentCreated('WH/OUT/00015#1', 'shp_open'); // created, never bought
    db.prepare(`UPDATE shipments SET is_return = 1 WHERE reference = 'WH/OUT/00014#1'`).run();
    const candidates = store.candidates(today());
    expect(candidates.map((c) => [c.reference, c.pickingId, c.carrier, c.platform, c.shipment.trackingCode])).toEqual([['WH/OUT/00013#1', 13, 'UPS', 'easypost', 'T13']]);
    expect(store.countBefore(today())).toBe(1);
  });

  it('records a manifest and marks its shipments in one transaction; recording it again marks nothing new', () => {
    buy(12, 'T12');
    buy(13, 'T13');
    const first = store.record(manifest('sf_1', ['T12', 'T13']), ['WH/OUT/00012#1', 'WH/OUT/00013#1']);
    expect(first).toEqual({ marked: ['WH/OUT/00012#1', 'WH/OUT/00013#1'], elsewhere: [] });
    expect(store.candidates(today())).toEqual([]);
    expect(store.record(manifest('sf_1', ['T12', 'T13']), ['WH/OUT/00012#1', 'WH/OUT/00013#1'])).toEqual({ marked: [], elsewhere: [] });
    expect(store.get('sf_1')).toMatchObject({ manifestId: 'sf_1', carrier: 'USPS', status: 'created', trackingCodes: ['T12', 'T13'], documentPath: null, printedAt: null });
  });

  it('never moves a shipment to a second manifest: it is reported as on another one', () => {
    buy(12, 'T12');
    buy(13, 'T13');
    store.record(manifest('sf_1', ['T12']), ['WH/OUT/00012#1']);
    expect(store.record(manifest('sf_2', ['T12', 'T13']), ['WH/OUT/00012#1', 'WH/OUT/00013#1'])).toEqual({ marked: ['WH/OUT/00013#1'], elsewhere: ['WH/OUT/00012#1'] });
    expect(manifestIds()).toEqual([
      { reference: 'WH/OUT/00012#1', manifest_id: 'sf_1' },
      { reference: 'WH/OUT/00013#1', manifest_id: 'sf_2' },
    ]);
  });

  it('a failure while marking leaves neither the manifest nor any mark', () => {
    buy(12, 'T12');
    buy(13, 'T13');
    db.exec(`CREATE TRIGGER refuse_13 BEFORE UPDATE OF manifest_id ON shipments WHEN old.reference = 'WH/OUT/00013#1' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    expect(() => store.record(manifest('sf_1', ['T12', 'T13']), ['WH/OUT/00012#1', 'WH/OUT/00013#1'])).toThrow(/disk says no/);
    expect(store.get('sf_1')).toBeNull();
    expect(store.candidates(today())).toHaveLength(2);
  });

  it('keeps a failed form without marking, lists created forms whose PDF is not saved, remembers the path and the summary', () => {
    buy(12, 'T12');
    store.recordFailed(manifest('sf_bad', ['T12'], { status: 'failed', documentUrl: null, detail: 'carrier said no' }));
    expect(store.candidates(today())).toHaveLength(1);
    store.record(manifest('sf_1', ['T12']), ['WH/OUT/00012#1']);
    store.record(manifest('sf_pending', [], { status: 'pending', documentUrl: null }), []);
    expect(store.withoutDocument().map((m) => m.manifestId)).toEqual(['sf_1']);
    store.setDocumentPath('sf_1', '/data/manifests/sf_1.pdf');
    store.summaryQueued('sf_1');
    expect(store.withoutDocument()).toEqual([]);
    expect(store.get('sf_1')).toMatchObject({ documentPath: '/data/manifests/sf_1.pdf', printedAt: clock.now() });
    expect(store.since(today()).map((m) => [m.manifestId, m.status])).toEqual([
      ['sf_1', 'created'],
      ['sf_bad', 'failed'],
      ['sf_pending', 'pending'],
    ]);
  });

  it('reads the ship-from of pickings from their copies, masked ones included', () => {
    cache.forget([13]); // no open work on 13: its row goes
    db.prepare(`UPDATE picking_cache SET masked_at = 1, picking = json_set(picking, '$.partner.name', '') WHERE picking_id = 14`).run();
    const from = store.shipFrom([12, 13, 14, 99]);
    expect([...from.keys()]).toEqual([12, 14]);
    expect(from.get(14)).toEqual(picking(14).warehouse);
  });
});
