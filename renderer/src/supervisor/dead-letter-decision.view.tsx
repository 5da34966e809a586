import type { DeadLetterAuditEntry } from '../../../app/domain/dead-letter.schema';
import type { SyncTarget } from '../../../app/domain/outbox-event.schema';
import type { StationLink } from '../bridge/station-api';
import { AuditFields, useAuditAnswer, useAuditedSend } from '../print/audit-fields.view';
import { formatTime } from '../state/format';
import { RecordTable } from './record-table.view';

/** What the supervisor is about to do: one letter, or every replayable letter of a target. */
export type Decision = { kind: 'replay' | 'discard'; id: number; label: string } | { kind: 'replay-all'; target: SyncTarget; count: number };

const REPLAY_REASONS = ['Fixed in Odoo', 'API key fixed', 'Odoo is back'] as const;
const DISCARD_REASONS = ['Done by hand in Odoo', 'Picking cancelled in Odoo', 'Duplicate event'] as const;

function title(d: Decision): string {
  if (d.kind === 'replay-all') return `Replay all ${d.count} dead letters for ${d.target}`;
  return `${d.kind === 'replay' ? 'Replay' : 'Discard'} ${d.label}`;
}

/**
 * The reason (always for a discard: nothing will deliver the event any more, so the trail must say why)
 * for one decision; the core audits it under the person signed in. Closes itself once the core accepted.
 */
export function DeadLetterDecisionForm({ decision, api, onDone }: { decision: Decision; api: StationLink; onDone(): void }) {
  const answer = useAuditAnswer();
  const { busy, error, send: sendDecision } = useAuditedSend('The core refused the decision', onDone);
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
      <strong>{title(decision)}</strong>
      <AuditFields answer={answer} suggestions={decision.kind === 'discard' ? DISCARD_REASONS : REPLAY_REASONS} />
      {decision.kind === 'discard' && <p className="muted small">A discarded event is never sent: say why, for whoever looks at this picking later.</p>}
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
          {decision.kind === 'discard' ? 'Discard' : 'Replay'}
        </button>
        <button type="button" className="btn btn-secondary" data-testid="dead-letter-cancel" disabled={busy} onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Every decision about dead letters, newest first, from the panel and from `station outbox` alike. */
export function DeadLetterAuditView({ audit }: { audit: readonly DeadLetterAuditEntry[] }) {
  return (
    <RecordTable
      testId="dead-letter-audit"
      columns={['When', 'Letter', 'Picking', 'Decision', 'Who', 'Why', 'From']}
      items={audit}
      empty="No replays or discards yet."
      row={(entry) => (
        <tr key={entry.id} data-testid={`dead-letter-audit-${entry.id}`} data-action={entry.action}>
          <td>{formatTime(entry.at)}</td>
          <td className="num">{entry.deadLetterId}</td>
          <td>{entry.pickingName ?? entry.orderKey}</td>
          <td>{entry.action}</td>
          <td>{entry.who}</td>
          <td className="wrap">{entry.reason || '—'}</td>
          <td>{entry.via === 'cli' ? 'command line' : entry.via === 'ui' ? 'panel' : 'station'}</td>
        </tr>
      )}
    />
  );
}
