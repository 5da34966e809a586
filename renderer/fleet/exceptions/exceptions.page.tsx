import { useCallback, useReducer, useState } from 'react';
import type { ExceptionKind } from '../../../app/recon/exception.schema';
import { ExceptionDetail } from './exception-detail.view';
import { ExceptionList } from './exception-list.view';
import { Notices } from './notices.view';
import { exceptionsApi } from './exceptions-http';
import { QueuesView } from './queues.view';
import { ReconcilePanel } from './reconcile.panel';
import { usePolling } from './use-polling';

/**
 * The fleet's exception work queues: one tile per kind, the chosen queue's list (filter, choose, act in bulk, export),
 * one exception's detail with its shipment's trail, and reconciliation on demand. Viewers see it all and act on none.
 */
export function ExceptionsPage({ me, canAct }: { me: string; canAct: boolean }) {
  const loadQueues = useCallback(() => exceptionsApi.queues(), []);
  const queues = usePolling(loadQueues, 5000);
  const [kind, setKind] = useState<ExceptionKind | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  // An action anywhere asks the queues, the list and the detail again at once.
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  const reloadQueues = queues.reload;
  const changed = useCallback(() => (bump(), reloadQueues()), [reloadQueues]);

  return (
    <main className="fleet exceptions" data-testid="exceptions-page">
      <section className="panel" aria-labelledby="queues-title">
        <h2 className="panel-title" id="queues-title">
          Exception queues
        </h2>
        <Notices error={queues.error} />
        {queues.data ? <QueuesView queues={queues.data} selected={kind} onSelect={setKind} /> : !queues.error && <p className="muted">Loading…</p>}
      </section>
      <ExceptionList version={version} kind={kind} me={me} canAct={canAct} opened={opened} onOpen={setOpened} onChanged={changed} />
      {opened !== null && <ExceptionDetail key={opened} version={version} id={opened} me={me} canAct={canAct} onClose={() => setOpened(null)} onChanged={changed} />}
      <ReconcilePanel canAct={canAct} />
    </main>
  );
}
