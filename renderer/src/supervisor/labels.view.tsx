import { useState } from 'react';
import type { BoughtLabel, VoidedLabel } from '../../../app/domain/label-record.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import type { StationLink } from '../bridge/station-api';
import { AuditFields, useAuditAnswer, useAuditedSend } from '../print/audit-fields.view';
import { useT, type Words } from '../i18n/use-t';
import { RecordTable } from './record-table.view';
import { useCoreRead } from './use-core-read';
import { moneyOf, timeOf } from './supervisor-words';

const LIMIT = 100;
const loadLabels = (api: StationLink) => api.invoke('carrier:labels', { limit: LIMIT });

const VOID_REASONS = ['damaged', 'address', 'cancelled'].map((r) => `supervisor.labels.reason.${r}`);

const STATUS_TONE: Record<VoidedLabel['status'], string> = { requested: 'progress', submitted: 'progress', refunded: 'success', rejected: 'error' };

/**
 * Which label is voided and why (required, as for every audited decision); the core records who is signed in, voids it in the ledger, and
 * the station asks the platform for the postage and takes the label off the picking in Odoo.
 */
function VoidForm({ label, api, onDone }: { label: BoughtLabel; api: StationLink; onDone(): void }) {
  const words = useT();
  const { t } = words;
  const answer = useAuditAnswer();
  const { busy, error, send } = useAuditedSend(t('supervisor.labels.refused'), onDone);
  const confirm = () => send(api.invoke('carrier:void', { reference: label.reference, reason: answer.reason }));
  return (
    <div className="reprint-form" data-testid="label-void-form">
      <strong>{t('supervisor.labels.voidTitle', { tracking: label.trackingCode, reference: label.reference })}</strong>
      <AuditFields answer={answer} suggestions={VOID_REASONS.map((key) => t(key))} />
      <p className="muted small">{t('supervisor.labels.voidNote', { price: moneyOf(words, label.rate, label.currency) })}</p>
      {error && (
        <div className="command-error" role="alert" data-testid="label-void-error">
          {error}
        </div>
      )}
      <div className="actions">
        <button type="button" className="btn btn-danger" data-testid="label-void-confirm" disabled={busy || !answer.valid} onClick={confirm}>
          {t('supervisor.labels.voidConfirm')}
        </button>
        <button type="button" className="btn btn-secondary" data-testid="label-void-cancel" disabled={busy} onClick={onDone}>
          {t('supervisor.labels.keep')}
        </button>
      </div>
    </div>
  );
}

const pickingOf = (words: Words, label: { pickingName: string | null; pickingId: number }): string =>
  label.pickingName ?? words.t('supervisor.pickingId', { id: String(label.pickingId) });

/** What each delivery changes: read the labels again when a remote answered or a queue grew or shrank. */
const deliveryKey = (sync: StationStatus['sync']): string => sync.map((t) => `${t.target}:${t.depth}:${t.lastSuccessAt ?? ''}`).join('|');

/**
 * The labels the station bought, newest first (what each cost, which carrier and service, why the station's policy
 * chose it), each with a Void button; and the labels voided, with who, why and what the platform said of the refund.
 */
export function LabelsView({ api, sync }: { api: StationLink; sync: StationStatus['sync'] }) {
  const words = useT();
  const { t } = words;
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
        {t('supervisor.labels.title')} <span className="count" data-testid="label-count">{words.number(bought.length)}</span>
      </h2>
      {error && <div className="command-error">{error}</div>}
      {voiding && <VoidForm key={voiding.reference} label={voiding} api={api} onDone={done} />}
      <RecordTable
        testId="labels"
        columns={[t('supervisor.col.parcel'), t('supervisor.col.tracking'), t('supervisor.col.carrier'), t('supervisor.col.rate'), t('supervisor.labels.why'), t('supervisor.col.bought'), '']}
        items={bought}
        empty={t('supervisor.labels.empty')}
        row={(label) => (
          <tr key={label.reference} data-testid={`label-${label.reference}`}>
            <th scope="row">
              {pickingOf(words, label)} <span className="muted small">#{label.parcelIndex}</span>
              {label.isReturn && <span className="muted small"> · {t('supervisor.labels.return')}</span>}
            </th>
            <td className="mono small">{label.trackingCode}</td>
            <td>
              {label.carrier} <span className="muted small">{label.service}</span>
            </td>
            <td className="num">{moneyOf(words, label.rate, label.currency)}</td>
            <td className="wrap" data-testid={`label-choice-${label.reference}`}>
              {label.choice ? (
                <>
                  {label.choice.policy}: {label.choice.reason}{' '}
                  <span className="muted small">{t('supervisor.labels.allowed', { allowed: label.choice.allowed, offered: label.choice.offered })}</span>
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              {timeOf(words, label.boughtAt)}
              {label.printed && <span className="muted small"> · {t('supervisor.labels.printed')}</span>}
            </td>
            <td>
              <button type="button" className="chip" data-testid={`label-void-${label.reference}`} onClick={() => setVoiding(label)}>
                {t('supervisor.labels.void')}
              </button>
            </td>
          </tr>
        )}
      />
      <h3 className="panel-title">{t('supervisor.labels.voided')}</h3>
      <RecordTable
        testId="voided-labels"
        columns={[t('supervisor.col.parcel'), t('supervisor.col.tracking'), t('supervisor.col.rate'), t('supervisor.labels.refund'), t('supervisor.col.why'), t('supervisor.col.who'), t('supervisor.col.when')]}
        items={voided}
        empty={t('supervisor.labels.voidedEmpty')}
        row={(v) => (
          <tr key={v.id} className={`row-${STATUS_TONE[v.status]}`} data-testid={`voided-label-${v.id}`} data-status={v.status}>
            <th scope="row">
              {pickingOf(words, v)} <span className="muted small">#{v.parcelIndex}</span>
            </th>
            <td className="mono small">{v.trackingCode}</td>
            <td className="num">{moneyOf(words, v.rate, v.currency)}</td>
            <td data-testid={`voided-label-status-${v.id}`}>
              {t(`supervisor.labels.refund.${v.status}`)}
              {v.detail && <div className="muted small">{v.detail}</div>}
            </td>
            <td className="wrap">{v.reason}</td>
            <td>{v.requestedBy}</td>
            <td>{timeOf(words, v.requestedAt)}</td>
          </tr>
        )}
      />
    </>
  );
}
