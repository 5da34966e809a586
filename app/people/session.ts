import type { Language, Say } from '../i18n/language';
import { say } from '../i18n/language';
import type { Person, PersonRef, Role, SessionView } from './person.schema';

/**
 * The rules of who is at the station, as pure transitions: a badge signs in, the same badge again signs out, another
 * badge switches; a supervisor's badge asks for the PIN first (the person before stays signed in until it is right);
 * wrong PINs in a row lock PIN entry for a while; nothing touched for the idle time signs out, except while a picking
 * is open (a packer looking for an item on a shelf is not away, and the half-packed parcel keeps its packer).
 */
export interface SignedIn {
  person: PersonRef;
  role: Role;
  language: Language | null;
  since: number;
}

export interface SessionState {
  current: SignedIn | null;
  /** A supervisor's badge was scanned; the PIN is asked until `at + pinWaitMs`. */
  pending: { person: Person; at: number } | null;
  /** The last scan or key at the bench. */
  lastTouch: number;
  failedPins: number;
  lockedUntil: number | null;
  refusal: Say | null;
}

export interface SessionRules {
  idleMs: number;
  maxPinAttempts: number;
  /** How long PIN entry stays refused after `maxPinAttempts` wrong PINs. */
  lockMs: number;
  /** How long the PIN is waited for after a supervisor's badge. */
  pinWaitMs: number;
}

/** Why a sign-in ended (station_sessions.ended_by). */
export type EndedBy = 'badge' | 'command' | 'idle' | 'other-badge' | 'restart';

export interface Step {
  state: SessionState;
  /** The sign-in that ended with this step, and why. */
  ended: { session: SignedIn; by: EndedBy } | null;
}

export const PIN_LOCK_MS = 60_000;
export const PIN_WAIT_MS = 60_000;

export const initialSession = (now: number): SessionState => ({ current: null, pending: null, lastTouch: now, failedPins: 0, lockedUntil: null, refusal: null });

const refPerson = (p: Person): PersonRef => ({ id: p.id, name: p.name });
const unchanged = (state: SessionState): Step => ({ state, ended: null });

function signIn(state: SessionState, who: Person, role: Role, now: number): Step {
  const before = state.current;
  const current: SignedIn = { person: refPerson(who), role, language: who.language, since: now };
  const next: SessionState = { ...state, current, pending: null, lastTouch: now, failedPins: 0, refusal: null };
  return { state: next, ended: before ? { session: before, by: 'other-badge' } : null };
}

/** Someone cached scanned their badge. */
export function scanBadge(state: SessionState, who: Person, now: number): Step {
  const touched = { ...state, lastTouch: now, refusal: null };
  if (state.pending?.person.id === who.id) return unchanged({ ...touched, pending: null });
  if (state.current?.person.id === who.id) return signOut(touched, now, 'badge');
  if (who.role === 'supervisor' && who.hasPin) return unchanged({ ...touched, pending: { person: who, at: now } });
  // A supervisor without any PIN to check packs, but does not open the panel.
  return signIn(state, who, 'packer', now);
}

/** A scan that is no badge, while nobody is signed in. */
export function refuseScan(state: SessionState, code: string, now: number): SessionState {
  return { ...state, lastTouch: now, refusal: say('people.refused.unknownBadge', { code }) };
}

/**
 * The PIN typed after a supervisor's badge. `matches` is asked only when a PIN is due and entry is not locked, so a
 * locked station does not even compare (scrypt is slow on purpose).
 */
export function enterPin(state: SessionState, matches: (personId: string) => boolean, now: number, rules: SessionRules): Step {
  const pending = state.pending;
  const touched = { ...state, lastTouch: now };
  if (pending === null) return unchanged({ ...touched, refusal: say('people.refused.noPinAsked') });
  if (state.lockedUntil !== null && now < state.lockedUntil) {
    return unchanged({ ...touched, refusal: say('people.refused.locked', { seconds: Math.ceil((state.lockedUntil - now) / 1000) }) });
  }
  if (matches(pending.person.id)) return signIn({ ...touched, lockedUntil: null }, pending.person, 'supervisor', now);
  const failed = state.failedPins + 1;
  if (failed >= rules.maxPinAttempts) {
    return unchanged({ ...touched, failedPins: 0, lockedUntil: now + rules.lockMs, refusal: say('people.refused.locked', { seconds: Math.ceil(rules.lockMs / 1000) }) });
  }
  return unchanged({ ...touched, failedPins: failed, refusal: say('people.refused.wrongPin', { count: rules.maxPinAttempts - failed }) });
}

export function signOut(state: SessionState, now: number, by: EndedBy): Step {
  const before = state.current;
  const next: SessionState = { ...state, current: null, pending: null, lastTouch: now };
  return { state: next, ended: before ? { session: before, by } : null };
}

export const touch = (state: SessionState, now: number): SessionState => ({ ...state, lastTouch: now });

/**
 * Time passes: a PIN not typed in time is no longer asked, a lock ends, and the idle time signs out — unless `busy`
 * (a picking open), which counts as being at the bench.
 */
export function tick(state: SessionState, now: number, busy: boolean, rules: SessionRules): Step {
  let next = state;
  if (next.pending !== null && now >= next.pending.at + rules.pinWaitMs) next = { ...next, pending: null };
  if (next.lockedUntil !== null && now >= next.lockedUntil) next = { ...next, lockedUntil: null, refusal: null };
  if (next.current === null || now < next.lastTouch + rules.idleMs) return unchanged(next);
  if (busy) return unchanged({ ...next, lastTouch: now });
  return signOut(next, now, 'idle');
}

/** When `tick` next has something to do, or null. */
export function nextDeadline(state: SessionState, rules: SessionRules): number | null {
  const times = [
    state.current ? state.lastTouch + rules.idleMs : null,
    state.pending ? state.pending.at + rules.pinWaitMs : null,
    state.lockedUntil,
  ].filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.min(...times);
}

export function sessionView(state: SessionState, rules: SessionRules, busy: boolean): SessionView {
  const current = state.current;
  return {
    signIn: 'required',
    person: current?.person ?? null,
    role: current?.role ?? null,
    language: current?.language ?? null,
    since: current?.since ?? null,
    awaitingPin: state.pending ? refPerson(state.pending.person) : null,
    idleSignOutAt: current && !busy ? state.lastTouch + rules.idleMs : null,
    refusal: state.refusal ? { key: state.refusal.key, params: plainParams(state.refusal) } : null,
  };
}

/** The view's refusal takes flat parameters; the session's refusals never nest one message in another. */
const plainParams = (s: Say): Record<string, string | number> =>
  Object.fromEntries(Object.entries(s.params).filter((e): e is [string, string | number] => typeof e[1] !== 'object'));
