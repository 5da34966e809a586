import type { CommandOutcome } from './use-station-command';

/** The station's answer to the last command: ok with what it did, or the error (the station's or the hub's). */
export function CommandOutcomeView({ outcome }: { outcome: CommandOutcome | null }) {
  if (!outcome) return null;
  const ok = outcome.error === null;
  return (
    <div className={ok ? 'command-ok' : 'command-error'} role={ok ? 'status' : 'alert'} data-testid="command-outcome" data-ok={ok} data-kind={outcome.kind}>
      <b>{outcome.kind}</b>: {ok ? 'done' : outcome.error}
      {outcome.result?.detail !== undefined && outcome.kind !== 'diagnostics' && (
        <pre className="mono small wrap" data-testid="command-detail">
          {JSON.stringify(outcome.result.detail, null, 2)}
        </pre>
      )}
    </div>
  );
}
