/**
 * The carrier exception queue on one station database file shared by two connections (the running station and a
 * second process such as the command line), and across a restart of the station.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CarrierExceptionRaise } from '../../../app/carrier.ports';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { SqliteCarrierExceptions } from '../../../sync/outbox/carrier-exceptions.store';
import { FakeClock } from '../../support/fake-clock';
import { tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const down: CarrierExceptionRaise = {
  kind: 'carrier_down',
  detail: 'the carrier platform has not answered for 6 min',
  suggestedAction: 'Keep it aside until the platform answers again',
  pickingId: 7,
  pickingName: 'WH/OUT/00007',
  parcelIndex: 2,
};

describe('carrier exception queue on a shared station database', () => {
  let tmp: ReturnType<typeof tempDir>;
  const open: StationDb[] = [];
  const connect = (): StationDb => {
    const db = openStationDb(tmp.file());
    open.push(db);
    return db;
  };
  const clock = new FakeClock();

  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    for (const db of open.splice(0)) closeStationDb(db);
    tmp.cleanup();
  });

  it('the station and a second process see the same queue; one open line per parcel and kind whoever raises it', () => {
    const station = new SqliteCarrierExceptions(connect(), clock);
    const other = new SqliteCarrierExceptions(connect(), clock);
    const id = station.raise(down);
    expect(other.raise({ ...down, detail: 'the carrier platform has not answered for 9 min' })).toBe(id);
    expect(station.open()).toMatchObject([{ id, detail: 'the carrier platform has not answered for 9 min' }]);

    expect(other.resolve(id, 'Ana', 'Carrier platform is back')).toBe(true);
    // The station's resolution after its label is bought finds nothing left, and says so.
    expect(station.resolveParcel(7, 2, 'station', 'label bought')).toBe(0);
    expect(station.get(id)).toMatchObject({ state: 'resolved', resolvedBy: 'Ana' });
    expect(station.openCount()).toBe(0);
  });

  it('open exceptions survive a restart, and raising again after it refreshes the same one', () => {
    const before = connect();
    const id = new SqliteCarrierExceptions(before, clock).raise(down);
    closeStationDb(open.pop()!);

    const after = new SqliteCarrierExceptions(connect(), clock);
    expect(after.open()).toMatchObject([{ id, kind: 'carrier_down', pickingName: 'WH/OUT/00007', parcelIndex: 2, state: 'open' }]);
    expect(after.raise(down)).toBe(id);
    expect(after.resolveParcel(7, 2, 'station', 'label bought')).toBe(1);
    expect(after.resolved()).toMatchObject([{ id, resolvedBy: 'station', resolution: 'label bought' }]);
  });
});
