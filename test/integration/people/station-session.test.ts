/**
 * The session at a running station, on a real station database and a fake clock: badge scans through the scan
 * intake's interceptor, one station_sessions row per sign-in with what ended it, pushes on every change, idle
 * sign-out that waits for an open picking, and a restart that resumes the sign-in unless the idle time passed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Person, SessionView } from '../../../app/people/person.schema';
import { badgeScans } from '../../../main/people/badge-scan';
import { StationSession } from '../../../main/people/station-session';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { StationSessionsStore } from '../../../sync/people/station-sessions.store';
import { FakeClock } from '../../support/fake-clock';
import { tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const MIN = 60_000;
const rules = { idleMs: 10 * MIN, maxPinAttempts: 3, lockMs: MIN, pinWaitMs: MIN };
const paul: Person = { id: 'employee:1', name: 'Paul Berger', badge: '041000000101', role: 'packer', language: null, hasPin: false };
const sofia: Person = { id: 'employee:2', name: 'Sofia Marin', badge: '041000000102', role: 'supervisor', language: 'en', hasPin: true };
const people = [paul, sofia];
const directory = {
  byBadge: (badge: string) => people.find((p) => p.badge === badge.trim()) ?? null,
  byId: (id: string) => people.find((p) => p.id === id) ?? null,
  checkPin: (id: string, pin: string) => id === sofia.id && pin === '2468',
};
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const tmp = tempDir();
let db: StationDb;
afterEach(() => closeStationDb(db));

function station(clock: FakeClock, state: { busy: boolean } = { busy: false }) {
  const pushed: SessionView[] = [];
  const session = new StationSession({ directory, sessions: new StationSessionsStore(db), clock, rules, busy: () => state.busy, publish: (v) => pushed.push(v), log: silent });
  const scan = badgeScans({ session, directory, text: (key, params) => `${key} ${JSON.stringify(params ?? {})}` });
  session.start();
  return { session, scan, pushed, rows: () => new StationSessionsStore(db).recent() };
}

describe('the station session', () => {
  it('takes badges before the packing machine, refuses other scans while nobody is signed in, records each sign-in', () => {
    db = openStationDb(tmp.file('scans.db'));
    const clock = new FakeClock();
    const { session, scan, pushed, rows } = station(clock);
    expect(scan('WH/OUT/00012')).toMatchObject({ accepted: false, outcome: 'refused', reason: expect.stringContaining('people.refused.unknownBadge') });
    expect(pushed.at(-1)?.refusal).toEqual({ key: 'people.refused.unknownBadge', params: { code: 'WH/OUT/00012' } });
    expect(scan(paul.badge)).toMatchObject({ accepted: true, reason: expect.stringContaining('people.scan.signedIn') });
    expect(session.person()).toEqual({ id: paul.id, name: paul.name });
    // Signed in, anything else goes on to the packing machine.
    expect(scan('WH/OUT/00012')).toBeNull();
    expect(scan(sofia.badge)?.reason).toContain('people.scan.pinAsked');
    expect(session.pin('1111')).toBe(false);
    expect(session.isSupervisor()).toBe(false);
    expect(session.pin('2468')).toBe(true);
    expect(session.isSupervisor()).toBe(true);
    expect(scan('O-BTN.sign-out')?.reason).toContain('people.scan.signedOut');
    expect(session.person()).toBeNull();
    expect(rows().map((r) => [r.personName, r.role, r.endedBy])).toEqual([
      ['Sofia Marin', 'supervisor', 'command'],
      ['Paul Berger', 'packer', 'other-badge'],
    ]);
    expect(pushed.at(-1)).toMatchObject({ signIn: 'required', person: null, awaitingPin: null });
  });

  it('signs out after the idle time, but not while a picking is open', () => {
    db = openStationDb(tmp.file('idle.db'));
    const clock = new FakeClock();
    const state = { busy: true };
    const { session, scan, pushed, rows } = station(clock, state);
    scan(paul.badge);
    clock.advance(10 * MIN);
    expect(session.person()).not.toBeNull();
    state.busy = false;
    clock.advance(9 * MIN);
    scan('0601647008558');
    clock.advance(9 * MIN);
    expect(session.person()).not.toBeNull();
    clock.advance(MIN);
    expect(session.person()).toBeNull();
    expect(rows()[0]?.endedBy).toBe('idle');
    expect(pushed.at(-1)?.person).toBeNull();
    session.stop();
    expect(clock.pending).toBe(0);
  });

  it('a restart resumes the sign-in unless the idle time passed since the last scan', () => {
    const file = tmp.file('restart.db');
    db = openStationDb(file);
    const clock = new FakeClock();
    const first = station(clock);
    first.scan(paul.badge);
    clock.advance(6_000);
    first.scan('0601647008558');
    first.session.stop();
    closeStationDb(db);

    clock.advance(5 * MIN);
    db = openStationDb(file);
    const second = station(clock);
    expect(second.session.view()).toMatchObject({ person: { name: paul.name }, role: 'packer', idleSignOutAt: clock.now() - 5 * MIN + 10 * MIN });
    second.session.stop();
    closeStationDb(db);

    clock.advance(11 * MIN);
    db = openStationDb(file);
    const third = station(clock);
    expect(third.session.person()).toBeNull();
    expect(third.rows()[0]).toMatchObject({ personName: paul.name, endedBy: 'restart', signedOutAt: clock.now() - 16 * MIN + 10 * MIN });
  });
});
