import { useT } from '../i18n/use-t';
import './people.css';

/** The supervisor panel asked for without a supervisor signed in (the core refuses its channels anyway). */
export function PanelLocked() {
  const { t } = useT();
  return (
    <main className="panel-locked" data-testid="panel-locked" role="alert">
      {t('people.panelLocked')}
    </main>
  );
}
