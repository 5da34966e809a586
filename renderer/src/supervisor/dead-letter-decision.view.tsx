import type { DeadLetterAuditEntry } from '../../../app/domain/dead-letter.schema';
import type { SyncTarget } from '../../../app/domain/outbox-event.schema';
import type { StationLink } from '../bridge/station-api';
import { AuditFields, useAuditAnswer, useAuditedSend } from '../print/audit-fields.view';
import { useT, type Words } from '../i18n/use-t';
import { RecordTable } from './record-table.view';
import { remoteName, timeOf } from './supervisor-words';

/** What the supervisor is about to do: one letter, or every replayable letter of a target. */
export type Decision = { kind: 'replay' | 'discard'; id: number; label: string } | { kind: 'replay-all'; target: SyncTarget; count: number };

const REPLAY_REASONS = ['fixedInOdoo', 'apiKeyFixed', 'odooBack'].map((r) => `supervisor.dead.reason.${r}`);
const DISCARD_REASONS = ['doneByHand', 'pickingCancelled', 'duplicate'].map((r) => `supervisor.dead.reason.${r}`);

function title(words: Words, d: Decision): string {
  if (d.kind === 'replay-all') return words.t('supervisor.dead.doReplayAll', { count: d.count, target: remoteName(words, d.target) });
  return words.t(d.kind === 'replay' ? 'supervisor.dead.doReplay' : 'supervisor.dead.doDiscard', { letter: d.label });
}

/**
 * The reason (always for a discard: nothing will deliver the event any more, so the trail must say why)
 * for one decision; the core audits it under the person signed in. Closes itself once the core accepted.
 */
export function DeadLetterDecisionForm({ decision, api, onDone }: { decision: Decision; api: StationLink; onDone(): void }) {
  const words = useT();
  const { t } = words;
  const answer = useAuditAnswer();
  const { busy, error, send: sendDecision } = useAuditedSend(t('supervisor.dead.refused'), onDone);
  // Same limits as the IPC contract, so the button is never enabled for a request the core would refuse.
  const valid = decision.kind === 'discard' ? answer.valid : answer.reason.length <= 200;
  const reason = answer.reason.length > 0 ? answer.reason : undefined;

  const send = () =>
    sendDecision(
      decision.kind === 'replay-all'
        ? api.invoke('outbox:replay-all', { target: decision.target, reason })
        : decision.kind === 'replay'
          ? api.invoke('outbox:replay', { id: decision.id, reason })
          : api.invoke('outbox:discard', { id: decision.id, reason: answer.reason }),
    );

  return (
    <div className="reprint-form" data-testid="dead-letter-decision" data-kind={decision.kind}>
      <strong>{title(words, decision)}</strong>
      <AuditFields answer={answer} suggestions={(decision.kind === 'discard' ? DISCARD_REASONS : REPLAY_REASONS).map((key) => t(key))} />
      {decision.kind === 'discard' && <p className="muted small">{t('supervisor.dead.discardNote')}</p>}
      {error && (
        <div className="command-error" role="alert" data-testid="dead-letter-decision-error">
          {error}
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className={`btn ${decision.kind === 'discard' ? 'btn-danger' : 'btn-primary'}`}
          data-testid="dead-letter-confirm"
          disabled={busy || !valid}
          onClick={send}
        >
          {decision.kind === 'discard' ? t('supervisor.dead.discard') : t('supervisor.dead.replay')}
        </button>
        <button type="button" className="btn btn-secondary" data-testid="dead-letter-cancel" disabled={busy} onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

/** Every decision about dead letters, newest first, from the panel and from `station outbox` alike. */
export function DeadLetterAuditView({ audit }: { audit: readonly DeadLetterAuditEntry[] }) {
  const words = useT();
  const { t } = words;
  return (
    <RecordTable
      testId="dead-letter-audit"
      columns={[t('supervisor.col.when'), t('supervisor.dead.audit.letter'), t('supervisor.picking'), t('supervisor.col.decision'), t('supervisor.col.who'), t('supervisor.col.why'), t('supervisor.dead.audit.from')]}
      items={audit}
      empty={t('supervisor.dead.audit.empty')}
      row={(entry) => (
        <tr key={entry.id} data-testid={`dead-letter-audit-${entry.id}`} data-action={entry.action}>
          <td>{timeOf(words, entry.at)}</td>
          <td className="num">{entry.deadLetterId}</td>
          <td>{entry.pickingName ?? entry.orderKey}</td>
          <td>{t(`supervisor.dead.action.${entry.action}`)}</td>
          <td>{entry.who}</td>
          <td className="wrap">{entry.reason || '—'}</td>
          <td>{t(`supervisor.dead.via.${entry.via}`)}</td>
        </tr>
      )}
    />
  );
}
