import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, FleetStation } from '../../../app/hub/fleet.schema';
import { formatAge, formatTime } from '../../src/state/format';
import { DevicesView } from '../../src/supervisor/devices.view';
import { SyncView } from '../../src/supervisor/sync.view';
import { errorText, fleetApi } from '../api/fleet-http';
import { formatAgo } from '../state/fleet-rows';
import { CommandOutcomeView } from './command-outcome.view';
import { DiagnosticsView } from './diagnostics.view';
import { FleetDeadLettersView } from './fleet-dead-letters.view';
import { PauseControls } from './pause-controls.view';
import { StationAuditView } from './station-audit.view';
import { useStationCommand } from './use-station-command';
import { StationShiftView } from './station-shift.view';

/** Everything about one station, and what a supervisor can do to it from here (viewers only look). */
export function StationDetail({ row, now, canCommand, onClose }: { row: FleetStation; now: number; canCommand: boolean; onClose(): void }) {
  const id = row.stationId;
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [auditError, setAuditError] = useState<string | null>(null);
  const loadAudit = useCallback(() => {
    // The audit is a supervisor's read; a viewer is not shown it.
    if (!canCommand) return;
    fleetApi.audit(id).then(
      (entries) => (setAudit(entries), setAuditError(null)),
      (err: unknown) => setAuditError(errorText(err)),
    );
  }, [id, canCommand]);
  useEffect(loadAudit, [loadAudit]);
  const command = useStationCommand(id, loadAudit);
  const status = row.status;
  // The detail opens below the grid: bring it into view, as a click on a row far down would otherwise show nothing.
  const panel = useRef<HTMLElement>(null);
  // A block body: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    void panel.current?.scrollIntoView({ block: 'start' });
  }, []);

  return (
    <section ref={panel} className="panel station-detail" aria-labelledby="detail-title" data-testid="station-detail" data-station={id}>
      <div className="panel-head">
        <h2 id="detail-title" className="detail-title">
          {id}{' '}
          <span className={`pill ${row.online ? 'pill-success' : 'pill-error'}`} data-testid="detail-online">
            {row.online ? 'online' : 'offline'}
          </span>{' '}
          <span className="muted small">
            {row.since === null ? 'never connected' : `since ${formatTime(row.since)} (${formatAge(now - row.since)})`} · last seen{' '}
            {formatAgo(row.lastSeenAt, now)} · {row.version ?? 'version unknown'}
          </span>
        </h2>
        <button type="button" className="btn-small btn-secondary" onClick={onClose} data-testid="detail-close">
          Close
        </button>
      </div>
      <CommandOutcomeView outcome={command.outcome} />
      <PauseControls row={row} command={command} canCommand={canCommand} />
      {status ? (
        <>
          <dl className="picking-meta">
            <dt>Machine</dt>
            <dd data-testid="detail-machine">
              <span className="mono">{status.machine.state}</span> {status.machine.message ?? ''}
            </dd>
            <dt>Picking</dt>
            <dd>{status.picking?.name ?? '—'}</dd>
            <dt>Reported</dt>
            <dd>{formatAgo(status.at, now)}</dd>
            <dt>Carrier exceptions</dt>
            <dd>{status.carrierExceptions?.open ?? '—'}</dd>
            <dt>Labels</dt>
            <dd>
              last {formatAgo(row.lastLabelAt, now)}; {row.labelsLastHour} in the last hour, {row.parcelsLastHour} parcels
            </dd>
          </dl>
          <StationShiftView shift={row.shift ?? null} />
          <h3 className="panel-title">Devices</h3>
          <DevicesView devices={status.devices} />
          <h3 className="panel-title">Outbox</h3>
          <SyncView sync={status.sync} />
          <FleetDeadLettersView letters={status.deadLetters} command={command} canCommand={canCommand} />
        </>
      ) : (
        <p className="muted">No report from this station yet.</p>
      )}
      <DiagnosticsView stationId={id} command={command} canCommand={canCommand} />
      {canCommand && <StationAuditView entries={audit} error={auditError} />}
    </section>
  );
}
