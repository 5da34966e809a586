import type { StationApi } from '../../../app/ipc/contract';
import type { SessionView } from '../../../app/people/person.schema';
import { useT } from '../i18n/use-t';
import { keyOf } from '../keys/station-keys';
import './people.css';

/**
 * Who is signed in, in the top bar: name, role, when the idle sign-out comes, and the sign-out button (its key, F10,
 * and the O-BTN.sign-out barcode do the same). Nothing with sign-in off: the station answers for itself.
 */
export function PersonBadge({ session, api }: { session: SessionView | null; api: StationApi }) {
  const { t } = useT();
  if (session === null || session.signIn === 'off' || session.person === null) return null;
  const minutes = session.idleSignOutAt === null ? null : Math.max(1, Math.ceil((session.idleSignOutAt - Date.now()) / 60_000));
  return (
    <div className="person-badge" data-testid="signed-in" data-person={session.person.id} data-role={session.role ?? ''}>
      <div className="person-text">
        <strong data-testid="signed-in-name">{session.person.name}</strong>
        <span className="muted small">
          {session.role ? t(`people.role.${session.role}`) : ''} · {minutes === null ? t('people.idleWhilePacking') : t('people.idleIn', { count: minutes })}
        </span>
      </div>
      <button type="button" className="btn btn-secondary person-sign-out" data-testid="sign-out" onClick={() => void api.invoke('people:sign-out', undefined).catch(() => undefined)}>
        {t('people.signOut')} ({keyOf('sign-out')})
      </button>
    </div>
  );
}
