import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CarrierExceptionRaise } from '../../../../app/carrier.ports';
import { suggest, suggestWaiting } from '../../../../app/carrier/carrier-actions';
import { StationError } from '../../../../app/domain/errors';
import { translator } from '../../../../app/i18n/catalogues';
import type { StationDb } from '../../../../sync/db/station-db';
import { SqliteCarrierExceptions } from '../../../../sync/outbox/carrier-exceptions.store';
import type { FakeClock } from '../../../support/fake-clock';
import { ledgerWorld, type LedgerWorld } from './ledger-world';

const refusal = (patch: Partial<CarrierExceptionRaise> = {}): CarrierExceptionRaise => ({
  kind: 'price_ceiling',
  detail: 'USPS Priority costs 7.58 USD, above the ceiling of 5.00',
  suggestedAction: 'Ask the supervisor to approve the rate or choose another carrier',
  pickingId: 12,
  pickingName: 'WH/OUT/00012',
  parcelIndex: 1,
  ...patch,
});

describe('SqliteCarrierExceptions (real SQLite file)', () => {
  let world: LedgerWorld;
  let db: StationDb;
  let clock: FakeClock;
  let queue: SqliteCarrierExceptions;

  beforeEach(() => {
    world = ledgerWorld();
    ({ db, clock } = world);
    queue = new SqliteCarrierExceptions(db, clock);
  });
  afterEach(() => world.close());

  it('opens an exception with its parcel, what was refused and what to do', () => {
    const id = queue.raise(refusal());
    expect(queue.open()).toEqual([
      {
        id,
        kind: 'price_ceiling',
        pickingId: 12,
        pickingName: 'WH/OUT/00012',
        parcelIndex: 1,
        detail: 'USPS Priority costs 7.58 USD, above the ceiling of 5.00',
        suggestedAction: 'Ask the supervisor to approve the rate or choose another carrier',
        // Not one of the desk's own actions: shown as it was written, in every language.
        suggestedActionSay: { key: 'packing.verbatim', params: { text: 'Ask the supervisor to approve the rate or choose another carrier' } },
        state: 'open',
        openedAt: clock.now(),
        resolvedAt: null,
        resolvedBy: null,
        resolution: null,
      },
    ]);
    expect(queue.openCount()).toBe(1);
  });

  it("reads the desk's own actions back as catalogue words, the supervisor's language's", () => {
    queue.raise(refusal({ suggestedAction: suggest('raiseCeiling') }));
    queue.raise(refusal({ parcelIndex: 2, kind: 'carrier_down', suggestedAction: suggestWaiting('WH/OUT/00012') }));
    const [ceiling, down] = queue.open();
    expect(ceiling!.suggestedActionSay).toEqual({ key: 'supervisor.carrierAction.raiseCeiling', params: {} });
    const de = { language: 'de', weightUnits: 'metric' } as const;
    expect(translator.text(down!.suggestedActionSay!, de)).toBe(
      'Legen Sie es beiseite, bis die Plattform wieder antwortet, und scannen Sie dann WH/OUT/00012, um sein Etikett zu kaufen',
    );
  });

  it('raising the same parcel and kind again refreshes the detail and keeps the id and the age', () => {
    const opened = clock.now();
    const id = queue.raise(refusal());
    clock.advance(60_000);
    expect(queue.raise(refusal({ detail: 'now 8.10 USD', suggestedAction: 'Approve 8.10' }))).toBe(id);
    expect(queue.open()).toMatchObject([{ id, detail: 'now 8.10 USD', suggestedAction: 'Approve 8.10', openedAt: opened }]);
  });

  it('keeps one line per parcel and kind: another kind, parcel or picking is another exception', () => {
    const first = queue.raise(refusal());
    const ids = [
      queue.raise(refusal({ kind: 'carrier_down' })),
      queue.raise(refusal({ parcelIndex: 2 })),
      queue.raise(refusal({ pickingId: 13, pickingName: 'WH/OUT/00013' })),
      queue.raise(refusal({ parcelIndex: null })),
    ];
    expect(new Set([first, ...ids]).size).toBe(5);
    // A picking-level exception (no parcel) is also one per kind.
    expect(queue.raise(refusal({ parcelIndex: null, detail: 'again' }))).toBe(ids[3]);
    expect(queue.openCount()).toBe(5);
  });

  it('lists the open queue oldest first', () => {
    const a = queue.raise(refusal({ pickingId: 20, pickingName: 'WH/OUT/00020' }));
    clock.advance(1000);
    const b = queue.raise(refusal({ pickingId: 10, pickingName: 'WH/OUT/00010' }));
    expect(queue.open().map((e) => e.id)).toEqual([a, b]);
  });

  it('resolves one exception with who and what; a second resolve finds nothing open', () => {
    const id = queue.raise(refusal());
    clock.advance(5_000);
    expect(queue.resolve(id, ' Ana ', ' Approved the rate ')).toBe(true);
    expect(queue.open()).toEqual([]);
    expect(queue.get(id)).toMatchObject({ state: 'resolved', resolvedAt: clock.now(), resolvedBy: 'Ana', resolution: 'Approved the rate' });
    expect(queue.resolve(id, 'Ana', 'again')).toBe(false);
    expect(queue.resolve(9_999, 'Ana', 'unknown')).toBe(false);
  });

  it('refuses a resolution without a name or without what was done', () => {
    const id = queue.raise(refusal());
    expect(() => queue.resolve(id, ' ', 'done')).toThrow(StationError);
    expect(() => queue.resolveParcel(12, 1, 'station', '')).toThrow(/what was done/);
    expect(queue.openCount()).toBe(1);
  });

  it('after a resolve the same parcel and kind opens a new exception', () => {
    const id = queue.raise(refusal());
    queue.resolve(id, 'Ana', 'Fixed the address in Odoo');
    const again = queue.raise(refusal());
    expect(again).not.toBe(id);
    expect(queue.open().map((e) => e.id)).toEqual([again]);
  });

  it("resolveParcel resolves every open kind of that parcel only, and says how many", () => {
    queue.raise(refusal());
    queue.raise(refusal({ kind: 'carrier_down' }));
    const other = queue.raise(refusal({ parcelIndex: 2 }));
    const picking = queue.raise(refusal({ parcelIndex: null }));
    expect(queue.resolveParcel(12, 1, 'station', 'label bought')).toBe(2);
    expect(queue.open().map((e) => e.id)).toEqual([other, picking]);
    expect(queue.resolveParcel(12, 1, 'station', 'label bought')).toBe(0);
  });

  it('lists the recently resolved, newest resolution first, up to a limit', () => {
    const ids = [1, 2, 3].map((parcelIndex) => queue.raise(refusal({ parcelIndex })));
    for (const id of [ids[1]!, ids[0]!, ids[2]!]) {
      clock.advance(1000);
      queue.resolve(id, 'Ana', 'done');
    }
    expect(queue.resolved().map((e) => e.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect(queue.resolved(2).map((e) => e.id)).toEqual([ids[2], ids[0]]);
  });

  it('a row the domain schema refuses is an error, not an exception of an unknown kind', () => {
    db.prepare(
      `INSERT INTO carrier_exceptions (kind, picking_id, picking_name, parcel_index, detail, suggested_action, opened_at) VALUES ('lost_in_space', 1, 'X', 1, 'd', 'a', 0)`,
    ).run();
    expect(() => queue.open()).toThrow();
  });
});
