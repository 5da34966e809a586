import type { ReactNode } from 'react';
import type { PackingView } from '../../../app/domain/packing-view.schema';
import { useT } from '../i18n/use-t';

/**
 * In a printer fault the state message is the printer's instruction (the spooler's words); this frames it with what
 * happens next. When no button is offered the station carries on by itself, and the packer must be told, or they
 * look for a button that is not there.
 */
export function PrinterFaultView({ view, children }: { view: PackingView; children: ReactNode }) {
  const { t } = useT();
  if (view.state !== 'printerFault') return <>{children}</>;
  const byItself = !view.actions.includes('retry');
  return (
    <section className="printer-fault" data-testid="printer-fault" data-waiting={byItself} aria-label={t('packer.printerFault')}>
      {children}
      <div className="printer-fault-hint">
        {t(byItself ? 'packer.printerFault.byItself' : 'packer.printerFault.retry')}
      </div>
    </section>
  );
}
