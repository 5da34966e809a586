import type { ReactNode } from 'react';
import type { PackingView } from '../../../app/domain/packing-view.schema';

/**
 * In a printer fault the state message is the printer's instruction (the spooler's words); this frames it with what
 * happens next. When no button is offered the station carries on by itself, and the packer must be told, or they
 * look for a button that is not there.
 */
export function PrinterFaultView({ view, children }: { view: PackingView; children: ReactNode }) {
  if (view.state !== 'printerFault') return <>{children}</>;
  const byItself = !view.actions.includes('retry');
  return (
    <section className="printer-fault" data-testid="printer-fault" data-waiting={byItself} aria-label="Printer fault">
      {children}
      <div className="printer-fault-hint">
        {byItself
          ? 'No button needed: the label comes out as soon as the printer is ready.'
          : 'Fix the printer, then press Retry — or Cancel to leave this picking.'}
      </div>
    </section>
  );
}
