import { Fragment, useState } from 'react';
import type { DeadLetterDetail } from '../../../app/domain/dead-letter.schema';
import { SyncTargetSchema } from '../../../app/domain/outbox-event.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import type { StationLink } from '../bridge/station-api';
import { useT, type Words } from '../i18n/use-t';
import { DeadLetterAuditView, DeadLetterDecisionForm, type Decision } from './dead-letter-decision.view';
import { RecordTable } from './record-table.view';
import { useCoreRead } from './use-core-read';
import { remoteName, timeOf } from './supervisor-words';

const LIMIT = 200;
const loadDeadLetters = (api: StationLink) => api.invoke('outbox:dead-letters', { limit: LIMIT });

const letterLabel = (words: Words, letter: DeadLetterDetail): string =>
  letter.pickingName ? words.t('supervisor.dead.letter', { id: String(letter.id), picking: letter.pickingName }) : words.t('supervisor.dead.letterBare', { id: String(letter.id) });

/**
 * Events the sync engine gave up on, each with what went wrong in plain words and what to do about it, and the
 * decisions people made. The status names the open letters: when that list changes (the engine dead-lettered
 * something, or someone decided from the command line), the details are read again.
 */
export function DeadLettersView({ api, deadLetters }: { api: StationLink; deadLetters: StationStatus['deadLetters'] }) {
  const words = useT();
  const { t } = words;
  const { data, error, refresh } = useCoreRead(api, loadDeadLetters, deadLetters.map((l) => l.id).join(','));
  const letters = data?.letters ?? [];
  const [decision, setDecision] = useState<Decision | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  const done = () => {
    setDecision(null);
    refresh();
  };
  const replayAll = SyncTargetSchema.options
    .map((target) => ({ target, count: letters.filter((l) => l.target === target && l.advice.replayable).length }))
    .filter((t) => t.count > 0);

  return (
    <>
      <h2 className="panel-title">
        {t('supervisor.dead.title')}{' '}
        <span className={`count ${letters.length > 0 ? 'count-error' : ''}`} data-testid="dead-letter-count">
          {letters.length}
        </span>
      </h2>
      {error && <div className="command-error">{error}</div>}
      {replayAll.length > 0 && (
        <div className="supervisor-head">
          {replayAll.map(({ target, count }) => (
            <button
              key={target}
              type="button"
              className="btn btn-secondary"
              data-testid={`dead-letter-replay-all-${target}`}
              onClick={() => setDecision({ kind: 'replay-all', target, count })}
            >
              {t('supervisor.dead.replayAll', { target: remoteName(words, target), count })}
            </button>
          ))}
        </div>
      )}
      {decision && <DeadLetterDecisionForm key={JSON.stringify(decision)} decision={decision} api={api} onDone={done} />}
      <RecordTable
        testId="dead-letters"
        columns={['#', t('supervisor.picking'), t('supervisor.dead.event'), t('supervisor.col.wrong'), t('supervisor.col.todo'), t('supervisor.col.when'), '']}
        items={letters}
        empty={t('supervisor.dead.empty')}
        row={(letter) => (
          <Fragment key={letter.id}>
            <tr className="row-error" data-testid={`dead-letter-${letter.id}`} data-code={letter.advice.code}>
              <th scope="row" className="num">
                {letter.id}
              </th>
              <td data-testid={`dead-letter-picking-${letter.id}`}>
                {letter.pickingName ?? '—'} <span className="muted small">{letter.orderKey}</span>
              </td>
              <td>
                {letter.eventType ?? '—'} <span className="muted small">→ {remoteName(words, letter.target)}</span>
                {letter.attempts !== null && <div className="muted small">{t('supervisor.dead.attempts', { count: letter.attempts })}</div>}
              </td>
              <td className="wrap" data-testid={`dead-letter-summary-${letter.id}`}>
                {letter.advice.say ? words.text(letter.advice.say.summary) : letter.advice.summary}
              </td>
              <td className="wrap" data-testid={`dead-letter-instruction-${letter.id}`}>
                {letter.advice.say ? words.text(letter.advice.say.instruction) : letter.advice.instruction}
              </td>
              <td>{timeOf(words, letter.at)}</td>
              <td>
                <button
                  type="button"
                  className="chip"
                  data-testid={`dead-letter-replay-${letter.id}`}
                  disabled={!letter.advice.replayable}
                  onClick={() => setDecision({ kind: 'replay', id: letter.id, label: letterLabel(words, letter) })}
                >
                  {t('supervisor.dead.replay')}
                </button>
                <button
                  type="button"
                  className="chip"
                  data-testid={`dead-letter-discard-${letter.id}`}
                  onClick={() => setDecision({ kind: 'discard', id: letter.id, label: letterLabel(words, letter) })}
                >
                  {t('supervisor.dead.discard')}
                </button>
                <button type="button" className="chip" data-testid={`dead-letter-payload-toggle-${letter.id}`} onClick={() => setOpen(open === letter.id ? null : letter.id)}>
                  {open === letter.id ? t('supervisor.dead.hidePayload') : t('supervisor.dead.payload')}
                </button>
              </td>
            </tr>
            {open === letter.id && (
              <tr>
                <td colSpan={7}>
                  <div className="muted small">{t('supervisor.dead.stored', { reason: letter.reason })}</div>
                  <pre className="mono small wrap" data-testid={`dead-letter-payload-${letter.id}`}>
                    {letter.payload}
                  </pre>
                </td>
              </tr>
            )}
          </Fragment>
        )}
      />
      <h3 className="panel-title">{t('supervisor.dead.decisions')}</h3>
      <DeadLetterAuditView audit={data?.audit ?? []} />
    </>
  );
}
