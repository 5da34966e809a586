import { describe, expect, it } from 'vitest';
import type { Person } from '../../../../app/people/person.schema';
import {
  enterPin,
  initialSession,
  nextDeadline,
  refuseScan,
  scanBadge,
  sessionView,
  signOut,
  tick,
  touch,
  type SessionRules,
  type SessionState,
} from '../../../../app/people/session';

const T = 1_700_000_000_000;
const MIN = 60_000;
const rules: SessionRules = { idleMs: 20 * MIN, maxPinAttempts: 3, lockMs: MIN, pinWaitMs: MIN };
const anna: Person = { id: 'employee:1', name: 'Anna Keller', badge: '041000000001', role: 'packer', language: 'de', hasPin: false };
const ben: Person = { id: 'employee:2', name: 'Ben Ott', badge: '041000000002', role: 'packer', language: null, hasPin: false };
const sofia: Person = { id: 'employee:3', name: 'Sofia Marin', badge: '041000000003', role: 'supervisor', language: 'en', hasPin: true };
const pinless: Person = { ...sofia, id: 'employee:4', hasPin: false };

const signedIn = (who: Person, at = T): SessionState => scanBadge(initialSession(at), who, at).state;

describe('badge scans', () => {
  it('signs a packer in, with their language, and out again with the same badge', () => {
    const inStep = scanBadge(initialSession(T), anna, T + 1);
    expect(inStep.ended).toBeNull();
    expect(sessionView(inStep.state, rules, false)).toMatchObject({ person: { id: 'employee:1', name: 'Anna Keller' }, role: 'packer', language: 'de', since: T + 1 });
    const outStep = scanBadge(inStep.state, anna, T + 2);
    expect(outStep.state.current).toBeNull();
    expect(outStep.ended).toMatchObject({ session: { person: { id: 'employee:1' } }, by: 'badge' });
  });

  it('switches to another packer, ending the first sign-in as other-badge', () => {
    const step = scanBadge(signedIn(anna), ben, T + 5);
    expect(step.state.current?.person.name).toBe('Ben Ott');
    expect(step.ended).toMatchObject({ session: { person: { name: 'Anna Keller' } }, by: 'other-badge' });
  });

  it("asks a supervisor's PIN before anything changes; the packer stays signed in meanwhile", () => {
    const step = scanBadge(signedIn(anna), sofia, T + 5);
    expect(step.state.current?.person.name).toBe('Anna Keller');
    expect(sessionView(step.state, rules, false).awaitingPin).toEqual({ id: 'employee:3', name: 'Sofia Marin' });
    // Scanning the supervisor badge again cancels the PIN question.
    expect(scanBadge(step.state, sofia, T + 6).state.pending).toBeNull();
  });

  it('a supervisor without any PIN to check signs in as a packer', () => {
    expect(scanBadge(initialSession(T), pinless, T).state.current?.role).toBe('packer');
  });

  it('refuses a scan that is no badge, saying which code', () => {
    const state = refuseScan(initialSession(T), 'WH/OUT/00012', T + 1);
    expect(sessionView(state, rules, false).refusal).toEqual({ key: 'people.refused.unknownBadge', params: { code: 'WH/OUT/00012' } });
    expect(scanBadge(state, anna, T + 2).state.refusal).toBeNull();
  });
});

describe('PIN', () => {
  const asked = () => scanBadge(signedIn(anna), sofia, T + 10).state;

  it('the right PIN signs the supervisor in as supervisor, ending the packer', () => {
    const step = enterPin(asked(), (id) => id === 'employee:3', T + 20, rules);
    expect(step.state.current).toMatchObject({ person: { name: 'Sofia Marin' }, role: 'supervisor' });
    expect(step.state.pending).toBeNull();
    expect(step.ended?.by).toBe('other-badge');
  });

  it('counts wrong PINs down, then locks PIN entry for a minute without even checking', () => {
    let state = asked();
    state = enterPin(state, () => false, T + 11, rules).state;
    expect(state.refusal).toEqual({ key: 'people.refused.wrongPin', params: { count: 2 } });
    state = enterPin(state, () => false, T + 12, rules).state;
    state = enterPin(state, () => false, T + 13, rules).state;
    expect(state.refusal).toEqual({ key: 'people.refused.locked', params: { seconds: 60 } });
    let checked = false;
    const locked = enterPin(state, () => (checked = true), T + 13 + 30_000, rules).state;
    expect(checked).toBe(false);
    expect(locked.current?.person.name).toBe('Anna Keller');
    expect(locked.refusal).toEqual({ key: 'people.refused.locked', params: { seconds: 30 } });
    // The lock ends by time; the same badge was still asked for.
    const after = tick(locked, T + 13 + MIN, false, rules).state;
    expect(after.lockedUntil).toBeNull();
  });

  it('refuses a PIN nobody was asked for', () => {
    expect(enterPin(signedIn(anna), () => true, T + 1, rules).state.refusal?.key).toBe('people.refused.noPinAsked');
  });

  it('stops asking after the PIN wait', () => {
    const state = asked();
    expect(nextDeadline(state, rules)).toBe(T + 10 + MIN);
    expect(tick(state, T + 10 + MIN, false, rules).state.pending).toBeNull();
  });
});

describe('idle sign-out', () => {
  it('signs out after the idle time since the last touch', () => {
    let state = signedIn(anna);
    state = touch(state, T + 10 * MIN);
    expect(sessionView(state, rules, false).idleSignOutAt).toBe(T + 30 * MIN);
    expect(tick(state, T + 29 * MIN, false, rules).state.current).not.toBeNull();
    const step = tick(state, T + 30 * MIN, false, rules);
    expect(step.state.current).toBeNull();
    expect(step.ended?.by).toBe('idle');
  });

  it('waits while a picking is open, counting again from the moment it is seen open', () => {
    const state = signedIn(anna);
    const step = tick(state, T + 20 * MIN, true, rules);
    expect(step.state.current).not.toBeNull();
    expect(nextDeadline(step.state, rules)).toBe(T + 40 * MIN);
    expect(sessionView(step.state, rules, true).idleSignOutAt).toBeNull();
  });

  it('has nothing to wait for when nobody is signed in', () => {
    expect(nextDeadline(initialSession(T), rules)).toBeNull();
    expect(signOut(initialSession(T), T, 'command').ended).toBeNull();
  });
});
