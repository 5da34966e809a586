import { useState } from 'react';
import type { BoughtLabel, VoidedLabel } from '../../../app/domain/label-record.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import type { StationLink } from '../bridge/station-api';
import { AuditFields, useAuditAnswer, useAuditedSend } from '../print/audit-fields.view';
import { formatTime } from '../state/format';
import { RecordTable } from './record-table.view';
import { useCoreRead } from './use-core-read';

const LIMIT = 100;
const loadLabels = (api: StationLink) => api.invoke('carrier:labels', { limit: LIMIT });

const VOID_REASONS = ['Box damaged, packed again', 'Wrong address on the label', 'Order cancelled by the customer'] as const;

const STATUS_TONE: Record<VoidedLabel['status'], string> = { requested: 'progress', submitted: 'progress', refunded: 'success', rejected: 'error' };

/**
 * Which label is voided and why (required, as for every audited decision); the core records who is signed in, voids it in the ledger, and
 * the station asks the platform for the postage and takes the label off the picking in Odoo.
 */
function VoidForm({ label, api, onDone }: { label: BoughtLabel; api: StationLink; onDone(): void }) {
  const answer = useAuditAnswer();
  const { busy, error, send } = useAuditedSend('The station refused the void', onDone);
  const confirm = () => send(api.invoke('carrier:void', { reference: label.reference, reason: answer.reason }));
  return (
    <div className="reprint-form" data-testid="label-void-form">
      <strong>
        Void label {label.trackingCode} ({label.reference})
      </strong>
      <AuditFields answer={answer} suggestions={VOID_REASONS} />
      <p className="muted small">
        The postage ({label.rate} {label.currency}) is asked back from the carrier, the tracking code and the label copy leave the picking in Odoo,
        and the parcel can get a new label. Do not ship a parcel under a voided label.
      </p>
      {error && (
        <div className="command-error" role="alert" data-testid="label-void-error">
          {error}
        </div>
      )}
      <div className="actions">
        <button type="button" className="btn btn-danger" data-testid="label-void-confirm" disabled={busy || !answer.valid} onClick={confirm}>
          Void label
        </button>
        <button type="button" className="btn btn-secondary" data-testid="label-void-cancel" disabled={busy} onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** What each delivery changes: read the labels again when a remote answered or a queue grew or shrank. */
const deliveryKey = (sync: StationStatus['sync']): string => sync.map((t) => `${t.target}:${t.depth}:${t.lastSuccessAt ?? ''}`).join('|');

/**
 * The labels the station bought, newest first (what each cost, which carrier and service, why the station's policy
 * chose it), each with a Void button; and the labels voided, with who, why and what the platform said of the refund.
 */
export function LabelsView({ api, sync }: { api: StationLink; sync: StationStatus['sync'] }) {
  const { data, error, refresh } = useCoreRead(api, loadLabels, deliveryKey(sync));
  const [voiding, setVoiding] = useState<BoughtLabel | null>(null);
  const bought = data?.bought ?? [];
  const voided = data?.voided ?? [];
  const done = () => {
    setVoiding(null);
    refresh();
  };

  return (
    <>
      <h2 className="panel-title">
        Labels <span className="count" data-testid="label-count">{bought.length}</span>
      </h2>
      {error && <div className="command-error">{error}</div>}
      {voiding && <VoidForm key={voiding.reference} label={voiding} api={api} onDone={done} />}
      <RecordTable
        testId="labels"
        columns={['Parcel', 'Tracking', 'Carrier', 'Rate', 'Why this rate', 'Bought', '']}
        items={bought}
        empty="No labels bought yet."
        row={(label) => (
          <tr key={label.reference} data-testid={`label-${label.reference}`}>
            <th scope="row">
              {label.pickingName ?? `picking ${label.pickingId}`} <span className="muted small">#{label.parcelIndex}</span>
              {label.isReturn && <span className="muted small"> · return</span>}
            </th>
            <td className="mono small">{label.trackingCode}</td>
            <td>
              {label.carrier} <span className="muted small">{label.service}</span>
            </td>
            <td className="num">
              {label.rate} {label.currency}
            </td>
            <td className="wrap" data-testid={`label-choice-${label.reference}`}>
              {label.choice ? (
                <>
                  {label.choice.policy}: {label.choice.reason} <span className="muted small">({label.choice.allowed} of {label.choice.offered} rates allowed)</span>
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              {formatTime(label.boughtAt)}
              {label.printed && <span className="muted small"> · printed</span>}
            </td>
            <td>
              <button type="button" className="chip" data-testid={`label-void-${label.reference}`} onClick={() => setVoiding(label)}>
                Void
              </button>
            </td>
          </tr>
        )}
      />
      <h3 className="panel-title">Voided labels</h3>
      <RecordTable
        testId="voided-labels"
        columns={['Parcel', 'Tracking', 'Rate', 'Refund', 'Why', 'Who', 'When']}
        items={voided}
        empty="No labels voided."
        row={(v) => (
          <tr key={v.id} className={`row-${STATUS_TONE[v.status]}`} data-testid={`voided-label-${v.id}`} data-status={v.status}>
            <th scope="row">
              {v.pickingName ?? `picking ${v.pickingId}`} <span className="muted small">#{v.parcelIndex}</span>
            </th>
            <td className="mono small">{v.trackingCode}</td>
            <td className="num">
              {v.rate} {v.currency}
            </td>
            <td data-testid={`voided-label-status-${v.id}`}>
              {v.status}
              {v.detail && <div className="muted small">{v.detail}</div>}
            </td>
            <td className="wrap">{v.reason}</td>
            <td>{v.requestedBy}</td>
            <td>{formatTime(v.requestedAt)}</td>
          </tr>
        )}
      />
    </>
  );
}
