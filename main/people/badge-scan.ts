/**
 * Badges at the scanner, taken before anything else in the scan intake: a badge never reaches the packing machine.
 * Nobody signed in → every scan is tried as a badge (anything else is refused: "Scan your badge to sign in"), except
 * the acknowledge command, since anyone may silence an alarm. Someone signed in → a cached badge signs them out (their
 * own) or switches (someone else's; a supervisor's asks for the PIN first), `O-BTN.sign-out` signs out, and every
 * other scan restarts the idle clock and goes on to the packing machine.
 */
import { stationCommandForBarcode } from '../../app/commands/station-commands';
import type { SayParams } from '../../app/i18n/language';
import type { ScanAnswer } from '../../app/ipc/contract';
import type { Person } from '../../app/people/person.schema';
import type { ScanInterceptor } from '../wiring/return-label-scan';
import type { StationSession } from './station-session';

export interface BadgeScanDeps {
  session: StationSession;
  directory: { byBadge(badge: string): Person | null };
  /** A message in the station's language. */
  text(key: string, params?: SayParams): string;
}

export function badgeScans({ session, directory, text }: BadgeScanDeps): ScanInterceptor {
  const applied = (reason: string): ScanAnswer => ({ accepted: true, outcome: 'applied', reason });

  const badge = (person: Person): ScanAnswer => {
    const before = session.current();
    const pendingBefore = session.pinAsked();
    session.badge(person);
    const after = session.current();
    if (session.pinAsked()?.id === person.id) return applied(text('people.scan.pinAsked', { name: person.name }));
    if (pendingBefore?.id === person.id) return applied(text('people.scan.pinCancelled'));
    if (after?.person.id === person.id) return applied(text('people.scan.signedIn', { name: person.name }));
    return applied(text('people.scan.signedOut', { name: before?.person.name ?? person.name }));
  };

  return (code) => {
    const command = stationCommandForBarcode(code);
    if (command?.id === 'sign-out') {
      const who = session.current();
      session.signOut('command');
      return applied(who ? text('people.scan.signedOut', { name: who.person.name }) : text('people.scan.nobody'));
    }
    const person = directory.byBadge(code);
    if (person) return badge(person);
    if (session.current() !== null) {
      session.touch();
      return null;
    }
    if (command?.id === 'acknowledge') return null;
    session.refuse(code);
    return { accepted: false, outcome: 'refused', reason: text('people.refused.unknownBadge', { code }) };
  };
}
