import type { Person, PersonRef, SessionView } from '../../app/people/person.schema';
import type { SessionGate } from '../../app/people/people.ports';
import type { Clock, LogSink } from '../../app/ports';
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
  type EndedBy,
  type SessionRules,
  type SessionState,
  type Step,
} from '../../app/people/session';
import type { StationSessionsStore } from '../../sync/people/station-sessions.store';

/** Activity is written to the sessions table (and pushed to screens) at most this often: every scan would be a write. */
const SEEN_EVERY_MS = 5_000;

export interface StationSessionDeps {
  directory: { checkPin(personId: string, pin: string): boolean; byId(personId: string): Person | null };
  sessions: StationSessionsStore;
  clock: Clock;
  rules: SessionRules;
  /** A picking is open at the bench: idle time does not count (app/people/session.ts). */
  busy(): boolean;
  publish(view: SessionView): void;
  log: LogSink;
}

/**
 * The session rules (app/people/session.ts) at a running station: each sign-in is a `station_sessions` row, a restart
 * resumes the open one unless the idle time passed since its last activity, every change is pushed to the screens
 * (`people:session`), and one timer wakes the rules when idle time, a PIN wait or a PIN lock runs out.
 */
export class StationSession implements SessionGate {
  private state: SessionState;
  private rowId: number | null = null;
  private timer: unknown = null;
  private seenAt = 0;

  constructor(private readonly deps: StationSessionDeps) {
    this.state = initialSession(deps.clock.now());
  }

  start(): void {
    const now = this.deps.clock.now();
    const open = this.deps.sessions.current();
    if (open) {
      const lastSeen = open.last_seen_at ?? open.signed_in_at;
      if (now - lastSeen < this.deps.rules.idleMs) {
        const person: PersonRef = { id: open.person_id, name: open.person_name };
        const language = this.deps.directory.byId(open.person_id)?.language ?? null;
        this.state = { ...this.state, current: { person, role: open.role, language, since: open.signed_in_at }, lastTouch: lastSeen };
        this.rowId = open.id;
        this.deps.log.info({ person: person.id }, 'sign-in resumed after restart');
      } else {
        this.deps.sessions.close(open.id, Math.min(now, lastSeen + this.deps.rules.idleMs), 'restart');
      }
    }
    this.deps.sessions.closeOthers(this.rowId, 'restart');
    this.schedule();
  }

  stop(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.rowId !== null) this.deps.sessions.seen(this.rowId, this.state.lastTouch);
  }

  view(): SessionView {
    return sessionView(this.state, this.deps.rules, this.deps.busy());
  }

  person(): PersonRef | null {
    return this.state.current?.person ?? null;
  }

  isSupervisor(): boolean {
    return this.state.current?.role === 'supervisor';
  }

  /** Who is signed in, with role and since when (the scan intake's answers). */
  current(): SessionState['current'] {
    return this.state.current;
  }

  /** Whether a supervisor's PIN is being asked. */
  pinAsked(): Person | null {
    return this.state.pending?.person ?? null;
  }

  touch(): void {
    const now = this.deps.clock.now();
    this.state = touch(this.state, now);
    if (now - this.seenAt < SEEN_EVERY_MS) return;
    this.seenAt = now;
    if (this.rowId !== null) this.deps.sessions.seen(this.rowId, now);
    this.schedule();
    this.deps.publish(this.view());
  }

  badge(person: Person): void {
    this.apply(scanBadge(this.state, person, this.deps.clock.now()));
  }

  refuse(code: string): void {
    this.apply({ state: refuseScan(this.state, code, this.deps.clock.now()), ended: null });
  }

  /** The PIN after a supervisor's badge; the refusal (as a catalogue key) is in the view. */
  pin(pin: string): boolean {
    const step = enterPin(this.state, (id) => this.deps.directory.checkPin(id, pin), this.deps.clock.now(), this.deps.rules);
    const accepted = step.state.current !== null && step.state.current !== this.state.current;
    this.apply(step);
    if (!accepted) this.deps.log.warn({ person: this.state.pending?.person.id ?? null }, 'supervisor PIN refused');
    return accepted;
  }

  signOut(by: EndedBy): boolean {
    const signedIn = this.state.current !== null || this.state.pending !== null;
    this.apply(signOut(this.state, this.deps.clock.now(), by));
    return signedIn;
  }

  private apply(step: Step): void {
    const now = this.deps.clock.now();
    const before = this.state.current;
    this.state = step.state;
    if (step.ended && this.rowId !== null) {
      this.deps.sessions.close(this.rowId, now, step.ended.by);
      this.deps.log.info({ person: step.ended.session.person.id, by: step.ended.by }, 'signed out');
      this.rowId = null;
    }
    const current = this.state.current;
    if (current !== null && current !== before) {
      this.rowId = this.deps.sessions.open(current.person, current.role, now);
      this.deps.log.info({ person: current.person.id, role: current.role }, 'signed in');
    }
    this.seenAt = now;
    this.schedule();
    this.deps.publish(this.view());
  }

  private schedule(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    const at = nextDeadline(this.state, this.deps.rules);
    if (at === null) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.apply(tick(this.state, this.deps.clock.now(), this.deps.busy(), this.deps.rules));
    }, Math.max(0, at - this.deps.clock.now()));
  }
}
