import type { StationStatus } from '../../../app/domain/status.schema';
import type { StationLink } from '../bridge/station-api';
import { formatTime } from '../state/format';
import { DevicesView } from './devices.view';
import { PrintJobsView } from './print-jobs.view';
import { PickingCacheView } from './picking-cache.view';
import { SyncView } from './sync.view';
import { DeadLettersView } from './dead-letters.view';
import { CarrierExceptionsView } from './exceptions.view';
import { LabelsView } from './labels.view';
import { ShippingDayView } from './shipping-day.view';
import { HubLinkView } from './hub-link.view';
import { ShiftSection } from './shift/shift.section';

export function SupervisorPanel({ status, onRefresh, api }: { status: StationStatus | null; onRefresh(): void; api: StationLink }) {
  if (status === null) {
    return (
      <main className="supervisor">
        <p className="muted big">Waiting for station status…</p>
      </main>
    );
  }
  return (
    <main className="supervisor" data-testid="supervisor">
      <section className="panel">
        <div className="supervisor-head">
          <dl className="picking-meta">
            <dt>Station</dt>
            <dd data-testid="station-id">{status.stationId}</dd>
            <dt>State</dt>
            <dd data-testid="machine-state">
              {status.machine.state}
              {status.machine.message && <span className="muted"> — {status.machine.message}</span>}
            </dd>
            <dt>Picking</dt>
            <dd data-testid="supervisor-picking">{status.picking?.name ?? 'none'}</dd>
            <dt>Updated</dt>
            <dd data-testid="status-at">{formatTime(status.at)}</dd>
          </dl>
          <button type="button" className="btn btn-secondary" data-testid="refresh-status" onClick={onRefresh}>
            Refresh
          </button>
        </div>
      </section>
      <section className="panel">
        <ShiftSection api={api} />
      </section>
      {status.hub && (
        <section className="panel">
          <h2 className="panel-title">Hub</h2>
          <HubLinkView hub={status.hub} />
        </section>
      )}
      <section className="panel">
        <h2 className="panel-title">Sync</h2>
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
        <h2 className="panel-title">Offline pickings</h2>
        <PickingCacheView cache={status.pickingCache} at={status.at} />
      </section>
      <section className="panel">
        <h2 className="panel-title">Devices</h2>
        <DevicesView devices={status.devices} />
      </section>
      <section className="panel">
        <ShippingDayView api={api} />
      </section>
      <section className="panel">
        <PrintJobsView api={api} />
      </section>
    </main>
  );
}
