import type { ExceptionKind } from '../../../app/recon/exception.schema';
import type { ExceptionQueues, ExceptionQueueView } from '../../../app/recon/exceptions-api.schema';
import { formatAge } from '../../src/state/format';
import { KIND_TEXT } from './exceptions-text';

/** Queues with something to do first, the worst first; empty queues after, as a quiet list. */
const byUrgency = (a: ExceptionQueueView, b: ExceptionQueueView): number => {
  const rank = (q: ExceptionQueueView) => ({ critical: 0, warning: 1, info: 2 })[q.severity ?? 'info'] + (q.open + q.inProgress === 0 ? 10 : 0);
  return rank(a) - rank(b) || (a.oldestOpenedAt ?? Infinity) - (b.oldestOpenedAt ?? Infinity);
};

/** One tile per kind of exception: how many are open and in progress, how old the oldest open one is. */
export function QueuesView({ queues, selected, onSelect }: { queues: ExceptionQueues; selected: ExceptionKind | null; onSelect(kind: ExceptionKind | null): void }) {
  const sorted = [...queues.queues].sort(byUrgency);
  return (
    <ul className="queues" aria-label="Exception queues" data-testid="exception-queues">
      <li>
        <QueueTile
          testId="queue-all"
          title="All queues"
          open={queues.open}
          inProgress={queues.inProgress}
          age={queues.oldestOpenedAt === null ? null : queues.now - queues.oldestOpenedAt}
          tone={null}
          pressed={selected === null}
          onClick={() => onSelect(null)}
        />
      </li>
      {sorted.map((q) => (
        <li key={q.kind}>
          <QueueTile
            testId={`queue-${q.kind}`}
            title={KIND_TEXT[q.kind]}
            open={q.open}
            inProgress={q.inProgress}
            age={q.oldestOpenedAt === null ? null : queues.now - q.oldestOpenedAt}
            tone={q.severity}
            pressed={selected === q.kind}
            onClick={() => onSelect(q.kind)}
          />
        </li>
      ))}
    </ul>
  );
}

function QueueTile(props: { testId: string; title: string; open: number; inProgress: number; age: number | null; tone: string | null; pressed: boolean; onClick(): void }) {
  const empty = props.open + props.inProgress === 0;
  return (
    <button
      type="button"
      className={`queue ${props.tone ? `queue-${props.tone}` : ''} ${empty ? 'queue-empty' : ''}`}
      aria-pressed={props.pressed}
      onClick={props.onClick}
      data-testid={props.testId}
      data-severity={props.tone ?? 'none'}
    >
      <span className="queue-title">{props.title}</span>
      <span className="queue-counts">
        <span data-testid={`${props.testId}-open`}>{props.open}</span> open · <span data-testid={`${props.testId}-progress`}>{props.inProgress}</span> in progress
      </span>
      <span className="queue-age small" data-testid={`${props.testId}-age`}>
        {props.age === null ? 'nothing open' : `oldest ${formatAge(props.age)}`}
      </span>
    </button>
  );
}
