import { useState } from 'react';
import type { CarrierException } from '../../../app/domain/carrier.schema';
import type { StationLink } from '../bridge/station-api';
import { AuditFields, useAuditAnswer, useAuditedSend } from '../print/audit-fields.view';
import { CARRIER_EXCEPTION_LABEL as KIND_LABEL } from '../state/carrier-exception-kinds';
import { formatAge, formatTime } from '../state/format';
import { RecordTable } from './record-table.view';
import { useCoreRead } from './use-core-read';

const RESOLVED_LIMIT = 50;
const loadExceptions = (api: StationLink) => api.invoke('carrier:exceptions', { limit: RESOLVED_LIMIT });

const RESOLUTIONS = ['Fixed the address in Odoo', 'Approved the rate', 'Shipped with another carrier', 'Carrier platform is back'] as const;

const parcelOf = (e: CarrierException): string => (e.parcelIndex === null ? 'whole picking' : `parcel ${e.parcelIndex}`);

/**
 * Parcels the carrier desk would not label, set aside at the bench: why, what to do, and for how long. Resolving one
 * asks who and what was done; the parcel gets its label when its picking is scanned again (which also resolves what
 * is still open for it). The status counts the open ones: when that count changes, the list is read again.
 */
export function CarrierExceptionsView({ api, openCount, now }: { api: StationLink; openCount: number | undefined; now: number }) {
  const { data, error, refresh } = useCoreRead(api, loadExceptions, openCount);
  const [resolving, setResolving] = useState<CarrierException | null>(null);
  const open = data?.open ?? [];
  const done = () => {
    setResolving(null);
    refresh();
  };

  return (
    <>
      <h2 className="panel-title">
        Carrier exceptions{' '}
        <span className={`count ${open.length > 0 ? 'count-error' : ''}`} data-testid="carrier-exception-count">
          {open.length}
        </span>
      </h2>
      {error && <div className="command-error">{error}</div>}
      {resolving && <ResolveForm key={resolving.id} exception={resolving} api={api} onDone={done} />}
      <RecordTable
        testId="carrier-exceptions"
        columns={['#', 'Kind', 'Picking', 'Parcel', 'What went wrong', 'What to do', 'Waiting', '']}
        items={open}
        empty="None — every parcel got its label."
        row={(e) => (
          <tr key={e.id} className="row-error" data-testid={`carrier-exception-${e.id}`} data-kind={e.kind}>
            <th scope="row" className="num">
              {e.id}
            </th>
            <td data-testid={`carrier-exception-kind-${e.id}`}>{KIND_LABEL[e.kind]}</td>
            <td data-testid={`carrier-exception-picking-${e.id}`}>{e.pickingName}</td>
            <td data-testid={`carrier-exception-parcel-${e.id}`}>{parcelOf(e)}</td>
            <td className="wrap" data-testid={`carrier-exception-detail-${e.id}`}>
              {e.detail}
            </td>
            <td className="wrap" data-testid={`carrier-exception-action-${e.id}`}>
              {e.suggestedAction}
            </td>
            <td data-testid={`carrier-exception-age-${e.id}`} title={formatTime(e.openedAt)}>
              {formatAge(now - e.openedAt)}
            </td>
            <td>
              <button type="button" className="chip" data-testid={`carrier-exception-resolve-${e.id}`} onClick={() => setResolving(e)}>
                Resolve
              </button>
            </td>
          </tr>
        )}
      />
      <h3 className="panel-title">Recently resolved</h3>
      <RecordTable
        testId="carrier-exceptions-resolved"
        columns={['When', '#', 'Kind', 'Picking', 'Parcel', 'Who', 'What was done']}
        items={data?.resolved ?? []}
        empty="Nothing resolved yet."
        row={(e) => (
          <tr key={e.id} data-testid={`carrier-exception-resolved-${e.id}`}>
            <td>{formatTime(e.resolvedAt)}</td>
            <td className="num">{e.id}</td>
            <td>{KIND_LABEL[e.kind]}</td>
            <td>{e.pickingName}</td>
            <td>{parcelOf(e)}</td>
            <td>{e.resolvedBy}</td>
            <td className="wrap">{e.resolution}</td>
          </tr>
        )}
      />
    </>
  );
}

/** What was done (required; the core records who is signed in); closes once the core accepted. */
function ResolveForm({ exception, api, onDone }: { exception: CarrierException; api: StationLink; onDone(): void }) {
  const answer = useAuditAnswer();
  const { busy, error, send } = useAuditedSend('The station refused the resolution', onDone);
  const resolve = () => send(api.invoke('carrier:resolve-exception', { id: exception.id, resolution: answer.reason }));

  return (
    <div className="reprint-form" data-testid="carrier-exception-resolution" data-id={exception.id}>
      <strong>
        Resolve #{exception.id}: {KIND_LABEL[exception.kind]}, {exception.pickingName} {parcelOf(exception)}
      </strong>
      <AuditFields answer={answer} suggestions={RESOLUTIONS} />
      <p className="muted small">Say what was done. The parcel gets its label when {exception.pickingName} is scanned again at the bench.</p>
      {error && (
        <div className="command-error" role="alert" data-testid="carrier-exception-resolution-error">
          {error}
        </div>
      )}
      <div className="actions">
        <button type="button" className="btn btn-primary" data-testid="carrier-exception-confirm" disabled={busy || !answer.valid} onClick={resolve}>
          Resolve
        </button>
        <button type="button" className="btn btn-secondary" data-testid="carrier-exception-cancel" disabled={busy} onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
