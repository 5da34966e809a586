import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExceptionKind, HubException } from '../../../app/recon/exception.schema';
import { formatAge } from '../../src/state/format';
import { ActionBar } from './action-bar.view';
import { ExceptionFilters, NO_FILTERS, trimmed, type Filters } from './exception-filters.view';
import { exceptionsApi } from './exceptions-http';
import { Notices } from './notices.view';
import { KIND_TEXT, SEVERITY_PILL, STATE_PILL, STATE_TEXT } from './exceptions-text';
import { usePolling } from './use-polling';

const PAGE = 50;

/**
 * The exceptions of one queue (or all), filtered and paged; rows are chosen with their checkboxes (or all on the page)
 * and acted on together. Refreshed every few seconds; what is chosen stays chosen while it is still on the page.
 */
export function ExceptionList({
  version,
  kind,
  me,
  canAct,
  opened,
  onOpen,
  onChanged,
}: {
  /** Bumped when something changed elsewhere on the page: the list is asked again at once. */
  version: number;
  kind: ExceptionKind | null;
  me: string;
  canAct: boolean;
  opened: number | null;
  onOpen(id: number): void;
  onChanged(): void;
}) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [outcome, setOutcome] = useState<string | null>(null);
  const query = useMemo(() => ({ kind: kind ?? undefined, ...trimmed(filters), limit: PAGE, offset }), [kind, filters, offset]);
  const load = useCallback(() => exceptionsApi.list(query), [query, version]);
  const page = usePolling(load, 5000);
  const rows = useMemo(() => page.data?.exceptions ?? [], [page.data]);
  useEffect(() => {
    setOffset(0);
    setOutcome(null);
  }, [kind, filters]);
  useEffect(() => setChosen((prev) => new Set(rows.filter((r) => prev.has(r.id)).map((r) => r.id))), [rows]);

  const toggle = (id: number) => setChosen((prev) => (prev.has(id) ? new Set([...prev].filter((x) => x !== id)) : new Set([...prev, id])));
  const allChosen = rows.length > 0 && rows.every((r) => chosen.has(r.id));
  const chooseAll = () => setChosen(allChosen ? new Set() : new Set(rows.map((r) => r.id)));
  const done = (message: string) => {
    setOutcome(message);
    setChosen(new Set());
    onChanged();
  };

  return (
    <section className="panel" aria-labelledby="exceptions-title" data-testid="exception-list" data-kind={kind ?? 'all'}>
      <div className="panel-head">
        <h2 className="panel-title" id="exceptions-title">
          {kind ? KIND_TEXT[kind] : 'All exceptions'}
        </h2>
        <ExceptionFilters filters={filters} kind={kind ?? undefined} onChange={setFilters} />
      </div>
      <Notices error={page.error} done={outcome} doneTestId="exceptions-outcome" />
      {canAct && (
        <div className="row-actions section-gap">
          <span className="small" data-testid="exceptions-chosen-count">
            {chosen.size} chosen
          </span>
          <ActionBar chosen={rows.filter((r) => chosen.has(r.id))} me={me} onDone={done} testId="bulk" />
        </div>
      )}
      {page.data === null && !page.error ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="exceptions-table">
          No exception matches.
        </p>
      ) : (
        <div className="grid-scroll">
          <table className="table exceptions-table" data-testid="exceptions-table">
            <thead>
              <tr>
                {canAct && (
                  <th scope="col">
                    <input type="checkbox" checked={allChosen} onChange={chooseAll} aria-label="Choose every exception on this page" data-testid="exceptions-choose-all" />
                  </th>
                )}
                {['#', 'Severity', 'Kind', 'State', 'Station', 'Picking', 'Shipment / tracking', 'Detail', 'Owner', 'Open for'].map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <Row key={e.id} e={e} now={page.data?.now ?? Date.now()} canAct={canAct} chosen={chosen.has(e.id)} opened={opened === e.id} onToggle={toggle} onOpen={onOpen} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row-actions section-gap">
        <button type="button" className="btn-small btn-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-testid="exceptions-prev">
          Previous
        </button>
        <span className="small muted">
          {rows.length ? `${offset + 1}–${offset + rows.length}` : '0'}
        </span>
        <button type="button" className="btn-small btn-secondary" disabled={!page.data?.more} onClick={() => setOffset(offset + PAGE)} data-testid="exceptions-next">
          Next
        </button>
      </div>
    </section>
  );
}

function Row({ e, now, canAct, chosen, opened, onToggle, onOpen }: { e: HubException; now: number; canAct: boolean; chosen: boolean; opened: boolean; onToggle(id: number): void; onOpen(id: number): void }) {
  const closedAt = e.closedAt ?? now;
  return (
    <tr className={`${chosen ? 'row-chosen' : ''} ${opened ? 'row-selected' : ''}`} data-testid={`exception-${e.id}`} data-state={e.state} data-kind={e.kind}>
      {canAct && (
        <td>
          <input type="checkbox" checked={chosen} onChange={() => onToggle(e.id)} aria-label={`Choose exception ${e.id}`} data-testid={`choose-${e.id}`} />
        </td>
      )}
      <th scope="row">
        <button type="button" className="link-button" onClick={() => onOpen(e.id)} data-testid={`open-exception-${e.id}`}>
          {e.id}
        </button>
      </th>
      <td>
        <span className={`pill ${SEVERITY_PILL[e.severity]}`}>{e.severity}</span>
      </td>
      <td className="small">{KIND_TEXT[e.kind]}</td>
      <td className="nowrap" data-testid={`exception-state-${e.id}`}>
        <span className={`pill ${STATE_PILL[e.state]}`}>{STATE_TEXT[e.state]}</span>
      </td>
      <td>{e.stationId ?? '—'}</td>
      <td>{e.pickingName ?? e.pickingId ?? '—'}</td>
      <td className="mono small">
        {e.shipmentId ?? '—'}
        {e.trackingCode && <div>{e.trackingCode}</div>}
      </td>
      <td className="small wrap">{e.detail}</td>
      <td data-testid={`exception-owner-${e.id}`}>{e.owner ?? <span className="muted">nobody</span>}</td>
      <td className="nowrap small">{formatAge(closedAt - e.openedAt)}</td>
    </tr>
  );
}
