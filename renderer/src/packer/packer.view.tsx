import { useState } from 'react';
import type { PackingView } from '../../../app/domain/packing-view.schema';
import type { StationApi } from '../../../app/ipc/contract';
import { useT } from '../i18n/use-t';
import { PrintUncertainDialog } from '../print/print-uncertain.dialog';
import { PrinterFaultView } from '../print/printer-fault.view';
import { ReprintView } from '../print/reprint.view';
import { ActionsView } from './actions.view';
import { LinesView } from './lines.view';
import { ScanInputView } from './scan-input.view';
import { SetAsideView } from './set-aside.view';
import { WeightView } from './weight.view';

const TONE_ICON: Record<PackingView['tone'], string> = {
  info: 'ℹ',
  progress: '⏳',
  success: '✔',
  warning: '⚠',
  error: '✖',
};

export function PackerView({ view, api }: { view: PackingView | null; api: StationApi }) {
  const [commandError, setCommandError] = useState<string | null>(null);
  const { t, text } = useT();

  return (
    <main className="packer">
      {view === null ? (
        <div className="state-message tone-info" data-testid="state-message" data-tone="info">
          {t('packer.loadingStation')}
        </div>
      ) : (
        <PrinterFaultView view={view}>
          <div
            className={`state-message tone-${view.tone}`}
            data-testid="state-message"
            data-tone={view.tone}
            data-state={view.state}
            role={view.tone === 'error' ? 'alert' : 'status'}
          >
            <span className="state-icon" aria-hidden="true">
              {TONE_ICON[view.tone]}
            </span>
            <span className="state-text">{view.say ? text(view.say) : view.message}</span>
          </div>
        </PrinterFaultView>
      )}
      {view?.setAside && <SetAsideView aside={view.setAside} />}
      {/* Whatever the packer is doing, an unanswered "did it print?" comes first: the spooler waits on it. */}
      {view?.printJob?.state === 'uncertain' && <PrintUncertainDialog key={view.printJob.id} job={view.printJob} api={api} />}
      {/* A scan the station could not use says so where the packer looks: never silently dropped. */}
      {view?.notice && (
        <div className="command-error" data-testid="scan-notice" role="alert">
          {view.noticeSay ? text(view.noticeSay) : view.notice}
        </div>
      )}
      {commandError && (
        <div className="command-error" data-testid="command-error" role="alert">
          {commandError}
        </div>
      )}
      {/* Always mounted, right under the instruction, so a half-typed code survives the first view arriving. */}
      <ScanInputView api={api} />
      {view !== null && <PackerBody view={view} api={api} onCommandError={setCommandError} />}
    </main>
  );
}

function PackerBody({ view, api, onCommandError }: { view: PackingView; api: StationApi; onCommandError(message: string | null): void }) {
  const { picking } = view;
  const { t } = useT();
  return (
    <div className="packer-grid">
      <section className="panel picking-panel" aria-label={t('packer.picking')}>
        {picking === null ? (
          <p className="muted big" data-testid="no-picking">
            {t('packer.noPicking')}
          </p>
        ) : (
          <>
            <header className="picking-header">
              <h1 className="picking-name" data-testid="picking-name">
                {picking.name}
              </h1>
              <div className="parcel-index" data-testid="parcel-index">
                {t('packer.parcelIndex', { parcel: picking.parcelIndex })}
              </div>
            </header>
            <dl className="picking-meta">
              <dt>{t('packer.customer')}</dt>
              <dd data-testid="picking-customer">{picking.partnerName}</dd>
              <dt>{t('packer.carrier')}</dt>
              <dd data-testid="picking-carrier">{picking.carrierName ?? t('common.none')}</dd>
            </dl>
            <LinesView lines={picking.lines} />
          </>
        )}
      </section>

      <aside className="side">
        <WeightView weight={view.weight} expectedG={view.expectedWeightG} />
        <section className="panel" aria-label={t('packer.lastLabel')}>
          <h2 className="panel-title">{t('packer.lastLabel')}</h2>
          {view.lastLabel === null ? (
            <div className="muted" data-testid="tracking-code">
              —
            </div>
          ) : (
            <>
              <div className="tracking-code" data-testid="tracking-code">
                {view.lastLabel.trackingCode}
              </div>
              <div className="muted">
                {t('packer.lastLabel.parcel', { picking: view.lastLabel.pickingName, parcel: view.lastLabel.parcelIndex })}
              </div>
              <ReprintView state={view.state} job={view.printJob} api={api} />
            </>
          )}
        </section>
        {/* Reprints are asked for with a name and a reason (ReprintView), never with an anonymous button. */}
        <ActionsView actions={view.actions.filter((a) => a !== 'reprint')} api={api} onError={onCommandError} />
      </aside>
    </div>
  );
}
