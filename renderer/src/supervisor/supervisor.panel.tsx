import type { StationStatus } from '../../../app/domain/status.schema';
import type { StationLink } from '../bridge/station-api';
import { useT } from '../i18n/use-t';
import { DevicesView } from './devices.view';
import { PrintJobsView } from './print-jobs.view';
import { PickingCacheView } from './picking-cache.view';
import { SyncView } from './sync.view';
import { DeadLettersView } from './dead-letters.view';
import { CarrierExceptionsView } from './exceptions.view';
import { LabelsView } from './labels.view';
import { ShippingDayView } from './shipping-day.view';
import { HubLinkView } from './hub-link.view';
import { CommandSheetView } from './command-sheet.view';
import { ShiftSection } from './shift/shift.section';
import { nameOf, timeOf } from './supervisor-words';

export function SupervisorPanel({ status, onRefresh, api }: { status: StationStatus | null; onRefresh(): void; api: StationLink }) {
  const words = useT();
  const { t } = words;
  if (status === null) {
    return (
      <main className="supervisor">
        <p className="muted big">{t('supervisor.waiting')}</p>
      </main>
    );
  }
  return (
    <main className="supervisor" data-testid="supervisor">
      <section className="panel">
        <div className="supervisor-head">
          <dl className="picking-meta">
            <dt>{t('supervisor.station')}</dt>
            <dd data-testid="station-id">{status.stationId}</dd>
            <dt>{t('supervisor.state')}</dt>
            <dd data-testid="machine-state">
              {nameOf(words, 'supervisor.machine', status.machine.state.split('.')[0]!)}
              {status.machine.message && <span className="muted"> — {status.machine.say ? words.text(status.machine.say) : status.machine.message}</span>}
            </dd>
            <dt>{t('supervisor.picking')}</dt>
            <dd data-testid="supervisor-picking">{status.picking?.name ?? t('common.none')}</dd>
            <dt>{t('supervisor.updated')}</dt>
            <dd data-testid="status-at">{timeOf(words, status.at)}</dd>
          </dl>
          <button type="button" className="btn btn-secondary" data-testid="refresh-status" onClick={onRefresh}>
            {t('common.refresh')}
          </button>
        </div>
      </section>
      <section className="panel">
        <ShiftSection api={api} />
      </section>
      {status.hub && (
        <section className="panel">
          <h2 className="panel-title">{t('supervisor.hub.title')}</h2>
          <HubLinkView hub={status.hub} />
        </section>
      )}
      <section className="panel">
        <h2 className="panel-title">{t('supervisor.sync.title')}</h2>
        <SyncView sync={status.sync} />
      </section>
      <section className="panel">
        <DeadLettersView api={api} deadLetters={status.deadLetters} />
      </section>
      <section className="panel">
        <CarrierExceptionsView api={api} openCount={status.carrierExceptions?.open} now={status.at} />
      </section>
      <section className="panel">
        <LabelsView api={api} sync={status.sync} />
      </section>
      <section className="panel">
        <h2 className="panel-title">{t('supervisor.cache.title')}</h2>
        <PickingCacheView cache={status.pickingCache} at={status.at} />
      </section>
      <section className="panel">
        <h2 className="panel-title">{t('supervisor.devices.title')}</h2>
        <DevicesView devices={status.devices} />
      </section>
      <section className="panel">
        <ShippingDayView api={api} />
      </section>
      <section className="panel">
        <PrintJobsView api={api} />
      </section>
      <section className="panel">
        <CommandSheetView api={api} />
      </section>
    </main>
  );
}
