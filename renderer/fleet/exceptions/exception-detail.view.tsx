import { useCallback, useEffect, useRef, useState } from 'react';
import { formatTime } from '../../src/state/format';
import { RecordTable } from '../../src/supervisor/record-table.view';
import { ActionBar } from './action-bar.view';
import { exceptionsApi } from './exceptions-http';
import { HISTORY_TEXT, KIND_TEXT, SEVERITY_PILL, STATE_PILL, STATE_TEXT } from './exceptions-text';
import { Notices } from './notices.view';
import { ShipmentTrailView } from './shipment-trail.view';
import { usePolling } from './use-polling';

/** One exception: what was found, what to do, who did what since, and its shipment's whole trail. */
export function ExceptionDetail({ version, id, me, canAct, onClose, onChanged }: { version: number; id: number; me: string; canAct: boolean; onClose(): void; onChanged(): void }) {
  const load = useCallback(() => exceptionsApi.get(id), [id, version]);
  const polled = usePolling(load, 5000);
  const [outcome, setOutcome] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    void panel.current?.scrollIntoView({ block: 'start' });
  }, [id]);
  const e = polled.data;
  const done = (message: string) => {
    setOutcome(message);
    onChanged();
  };
  const shipmentRef = e ? (e.shipmentId ?? e.trackingCode) : null;

  return (
    <section ref={panel} className="panel station-detail" aria-labelledby="exception-title" data-testid="exception-detail" data-id={id}>
      <div className="panel-head">
        <h2 className="detail-title" id="exception-title">
          Exception {id}
          {e && (
            <>
              {' '}
              <span className={`pill ${SEVERITY_PILL[e.severity]}`}>{e.severity}</span>{' '}
              <span className={`pill ${STATE_PILL[e.state]}`} data-testid="exception-detail-state">
                {STATE_TEXT[e.state]}
              </span>
            </>
          )}
        </h2>
        <button type="button" className="btn-small btn-secondary" onClick={onClose} data-testid="exception-detail-close">
          Close
        </button>
      </div>
      <Notices error={polled.error} done={outcome} doneTestId="exception-detail-outcome" />
      {e && (
        <>
          <dl className="picking-meta">
            <dt>Kind</dt>
            <dd>
              {KIND_TEXT[e.kind]} <span className="muted small">({e.source})</span>
            </dd>
            <dt>Detail</dt>
            <dd data-testid="exception-detail-text">{e.detail}</dd>
            {e.amounts && (
              <>
                <dt>Amounts</dt>
                <dd>
                  expected {e.amounts.expected} {e.amounts.unit}, actual {e.amounts.actual} {e.amounts.unit}, difference {e.amounts.difference} {e.amounts.unit}
                </dd>
              </>
            )}
            <dt>Suggested</dt>
            <dd>{e.suggestedAction.text}</dd>
            <dt>Station · picking</dt>
            <dd>
              {e.stationId ?? '—'} · {e.pickingName ?? e.pickingId ?? '—'}
            </dd>
            <dt>Shipment · tracking</dt>
            <dd className="mono">
              {e.shipmentId ?? '—'} · {e.trackingCode ?? '—'}
            </dd>
            <dt>Owner</dt>
            <dd>{e.owner ?? 'nobody'}</dd>
            {e.reason && (
              <>
                <dt>{e.state === 'ignored' ? 'Ignored because' : 'Resolution'}</dt>
                <dd data-testid="exception-detail-reason">{e.reason}</dd>
              </>
            )}
            <dt>Opened · last seen</dt>
            <dd>
              {formatTime(e.openedAt)} · {formatTime(e.lastSeenAt)}
            </dd>
          </dl>
          {canAct && <ActionBar chosen={[e]} me={me} onDone={done} testId="detail-actions" />}
          <h3 className="panel-title">History</h3>
          <RecordTable
            testId="exception-history"
            columns={['When', 'Who', 'What', 'State', 'Note']}
            items={e.history.map((h, n) => ({ ...h, n }))}
            empty="No history."
            row={(h) => (
              <tr key={h.n} data-action={h.action}>
                <td className="small nowrap">{formatTime(h.at)}</td>
                <td>{h.by}</td>
                <td>{HISTORY_TEXT[h.action]}</td>
                <td>{STATE_TEXT[h.state]}</td>
                <td className="small wrap">{h.note ?? ''}</td>
              </tr>
            )}
          />
          {shipmentRef && <ShipmentTrailView shipmentRef={shipmentRef} />}
        </>
      )}
    </section>
  );
}
