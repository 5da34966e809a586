import { useState } from 'react';
import type { DeadLetter } from '../../../app/domain/status.schema';
import { formatTime } from '../../src/state/format';
import { RecordTable } from '../../src/supervisor/record-table.view';
import { CommandButton } from './command-button.view';
import { ReasonForm } from './reason-form.view';
import type { StationCommand } from './use-station-command';

/** The station's dead letters as it last reported them; supervisors replay one or all, or discard one with a reason. */
export function FleetDeadLettersView({ letters, command, canCommand }: { letters: DeadLetter[]; command: StationCommand; canCommand: boolean }) {
  const [discarding, setDiscarding] = useState<number | null>(null);
  return (
    <section aria-labelledby="dead-letters-title">
      <div className="panel-head">
        <h3 className="panel-title" id="dead-letters-title">
          Dead letters{' '}
          <span className={`count ${letters.length > 0 ? 'count-error' : ''}`} data-testid="detail-dead-count">
            {letters.length}
          </span>
        </h3>
        {canCommand && letters.length > 0 && (
          <CommandButton command={command} request={{ command: { kind: 'dead-letters.replay' } }} testId="dead-letters-replay-all">
            Replay all ({letters.length})
          </CommandButton>
        )}
      </div>
      <RecordTable
        testId="detail-dead-letters"
        columns={['#', 'Target', 'Order', 'Reason', 'When', '']}
        items={letters}
        empty="None."
        row={(letter) => (
          <tr key={letter.id} data-testid={`detail-dead-${letter.id}`}>
            <th scope="row" className="num">
              {letter.id}
            </th>
            <td>{letter.target}</td>
            <td className="mono small">{letter.orderKey}</td>
            <td className="wrap small">{letter.reason}</td>
            <td className="small">{formatTime(letter.at)}</td>
            <td>
              {canCommand && (
                <div className="row-actions">
                  <CommandButton
                    command={command}
                    request={{ command: { kind: 'dead-letters.replay', ids: [letter.id] } }}
                    testId={`detail-dead-replay-${letter.id}`}
                  >
                    Replay
                  </CommandButton>
                  <button type="button" className="btn-small btn-secondary" data-testid={`detail-dead-discard-${letter.id}`} onClick={() => setDiscarding(letter.id)}>
                    Discard
                  </button>
                </div>
              )}
              {discarding === letter.id && (
                <ReasonForm
                  label={`Discard #${letter.id}`}
                  testId={`discard-form-${letter.id}`}
                  busy={command.busy}
                  onCancel={() => setDiscarding(null)}
                  onSubmit={(reason) =>
                    void command.send({ command: { kind: 'dead-letters.discard', id: letter.id, reason }, reason }).then(() => setDiscarding(null))
                  }
                />
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
