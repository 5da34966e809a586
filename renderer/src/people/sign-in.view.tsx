import type { SessionView } from '../../../app/people/person.schema';
import type { StationApi } from '../../../app/ipc/contract';
import { useT } from '../i18n/use-t';
import { ScanInputView } from '../packer/scan-input.view';
import { SessionRefusal } from './refusal.view';
import './people.css';

/**
 * Nobody is signed in: one big instruction, the reason the last scan was refused, and the scan field for a badge
 * typed by hand. Badges scanned on the serial scanner or a keyboard-wedge scanner arrive without it.
 */
export function SignInView({ session, api }: { session: SessionView; api: StationApi }) {
  const { t } = useT();
  return (
    <main className="sign-in" data-testid="sign-in">
      <h1 className="sign-in-title">{t('people.scanBadge')}</h1>
      <p className="sign-in-hint">{t('people.scanBadge.hint')}</p>
      <SessionRefusal session={session} />
      <ScanInputView api={api} />
    </main>
  );
}
