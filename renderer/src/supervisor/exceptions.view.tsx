import { useState } from 'react';
import type { CarrierException } from '../../../app/domain/carrier.schema';
import type { StationLink } from '../bridge/station-api';
import { AuditFields, useAuditAnswer, useAuditedSend } from '../print/audit-fields.view';
import { useT, type Words } from '../i18n/use-t';
import { carrierExceptionKindKey } from '../state/carrier-exception-kinds';
import { RecordTable } from './record-table.view';
import { useCoreRead } from './use-core-read';
import { ageOf, timeOf } from './supervisor-words';

const RESOLVED_LIMIT = 50;
const loadExceptions = (api: StationLink) => api.invoke('carrier:exceptions', { limit: RESOLVED_LIMIT });

const RESOLUTIONS = ['address', 'rate', 'otherCarrier', 'carrierBack'].map((r) => `supervisor.exceptions.reason.${r}`);

const parcelOf = (words: Words, e: CarrierException): string =>
  e.parcelIndex === null ? words.t('supervisor.exceptions.wholePicking') : words.t('supervisor.parcel', { index: String(e.parcelIndex) });
const kindOf = (words: Words, e: CarrierException): string => words.t(carrierExceptionKindKey(e.kind));
/** The core's English, unless it said the same as a catalogue key (older records did not). */
const actionOf = (words: Words, e: CarrierException): string => (e.suggestedActionSay ? words.text(e.suggestedActionSay) : e.suggestedAction);

/**
 * Parcels the carrier desk would not label, set aside at the bench: why, what to do, and for how long. Resolving one
 * asks who and what was done; the parcel gets its label when its picking is scanned again (which also resolves what
 * is still open for it). The status counts the open ones: when that count changes, the list is read again.
 */
export function CarrierExceptionsView({ api, openCount, now }: { api: StationLink; openCount: number | undefined; now: number }) {
  const words = useT();
  const { t } = words;
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
        {t('supervisor.exceptions.title')}{' '}
        <span className={`count ${open.length > 0 ? 'count-error' : ''}`} data-testid="carrier-exception-count">
          {open.length}
        </span>
      </h2>
      {error && <div className="command-error">{error}</div>}
      {resolving && <ResolveForm key={resolving.id} exception={resolving} api={api} onDone={done} />}
      <RecordTable
        testId="carrier-exceptions"
        columns={['#', t('supervisor.col.kind'), t('supervisor.picking'), t('supervisor.col.parcel'), t('supervisor.col.wrong'), t('supervisor.col.todo'), t('supervisor.exceptions.waiting'), '']}
        items={open}
        empty={t('supervisor.exceptions.empty')}
        row={(e) => (
          <tr key={e.id} className="row-error" data-testid={`carrier-exception-${e.id}`} data-kind={e.kind}>
            <th scope="row" className="num">
              {e.id}
            </th>
            <td data-testid={`carrier-exception-kind-${e.id}`}>{kindOf(words, e)}</td>
            <td data-testid={`carrier-exception-picking-${e.id}`}>{e.pickingName}</td>
            <td data-testid={`carrier-exception-parcel-${e.id}`}>{parcelOf(words, e)}</td>
            <td className="wrap" data-testid={`carrier-exception-detail-${e.id}`}>
              {e.detail}
            </td>
            <td className="wrap" data-testid={`carrier-exception-action-${e.id}`}>
              {actionOf(words, e)}
            </td>
            <td data-testid={`carrier-exception-age-${e.id}`} title={timeOf(words, e.openedAt)}>
              {ageOf(words, now - e.openedAt)}
            </td>
            <td>
              <button type="button" className="chip" data-testid={`carrier-exception-resolve-${e.id}`} onClick={() => setResolving(e)}>
                {t('supervisor.exceptions.resolve')}
              </button>
            </td>
          </tr>
        )}
      />
      <h3 className="panel-title">{t('supervisor.exceptions.resolved')}</h3>
      <RecordTable
        testId="carrier-exceptions-resolved"
        columns={[t('supervisor.col.when'), '#', t('supervisor.col.kind'), t('supervisor.picking'), t('supervisor.col.parcel'), t('supervisor.col.who'), t('supervisor.exceptions.resolution')]}
        items={data?.resolved ?? []}
        empty={t('supervisor.exceptions.resolvedEmpty')}
        row={(e) => (
          <tr key={e.id} data-testid={`carrier-exception-resolved-${e.id}`}>
            <td>{timeOf(words, e.resolvedAt)}</td>
            <td className="num">{e.id}</td>
            <td>{kindOf(words, e)}</td>
            <td>{e.pickingName}</td>
            <td>{parcelOf(words, e)}</td>
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
  const words = useT();
  const { t } = words;
  const answer = useAuditAnswer();
  const { busy, error, send } = useAuditedSend(t('supervisor.exceptions.refused'), onDone);
  const resolve = () => send(api.invoke('carrier:resolve-exception', { id: exception.id, resolution: answer.reason }));

  return (
    <div className="reprint-form" data-testid="carrier-exception-resolution" data-id={exception.id}>
      <strong>
        {t('supervisor.exceptions.resolveTitle', { id: String(exception.id), kind: kindOf(words, exception), picking: exception.pickingName, parcel: parcelOf(words, exception) })}
      </strong>
      <AuditFields answer={answer} suggestions={RESOLUTIONS.map((key) => t(key))} />
      <p className="muted small">{t('supervisor.exceptions.resolveNote', { picking: exception.pickingName })}</p>
      {error && (
        <div className="command-error" role="alert" data-testid="carrier-exception-resolution-error">
          {error}
        </div>
      )}
      <div className="actions">
        <button type="button" className="btn btn-primary" data-testid="carrier-exception-confirm" disabled={busy || !answer.valid} onClick={resolve}>
          {t('supervisor.exceptions.resolve')}
        </button>
        <button type="button" className="btn btn-secondary" data-testid="carrier-exception-cancel" disabled={busy} onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
