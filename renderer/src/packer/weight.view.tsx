import { useState } from 'react';
import type { PackingView } from '../../../app/domain/packing-view.schema';
import type { ScaleCommand, StationApi } from '../../../app/ipc/contract';
import { getStationApi } from '../bridge/station-api';
import { formatWeight } from '../state/format';

const COMMAND_LABEL: Record<ScaleCommand, string> = { zero: 'Zero', tare: 'Tare' };

export function WeightView({
  weight,
  expectedG,
  api,
}: {
  weight: PackingView['weight'];
  expectedG: number | null;
  /** Defaults to the station connection, so the packer screen need not thread it through. */
  api?: StationApi;
}) {
  return (
    <section className="panel weight-panel" aria-label="Scale">
      <h2 className="panel-title">Weight</h2>
      {weight === null ? (
        <div className="weight weight-none" data-testid="weight" data-stable="false">
          — no reading
        </div>
      ) : (
        <>
          <div className="weight" data-testid="weight" data-stable={String(weight.stable)} data-grams={weight.grams}>
            {formatWeight(weight.grams)}
          </div>
          <div
            className={`stable-badge ${weight.stable ? 'is-stable' : 'is-moving'}`}
            data-testid="weight-stable"
            role="status"
          >
            {weight.stable ? 'STABLE' : 'MOVING…'}
          </div>
        </>
      )}
      {expectedG !== null && (
        <div className="muted" data-testid="expected-weight">
          expected ≈ {formatWeight(expectedG)}
        </div>
      )}
      <ScaleCommands api={api} />
    </section>
  );
}

function ScaleCommands({ api }: { api: StationApi | undefined }) {
  // One command at a time: a second "Tare" while the first is in flight would tare the tare.
  const [busy, setBusy] = useState<ScaleCommand | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (action: ScaleCommand) => {
    setBusy(action);
    setError(null);
    (api ?? getStationApi())
      .invoke('scale:command', { action })
      .then(
        (res) => setError(res.accepted ? null : `${COMMAND_LABEL[action]} failed: ${res.error ?? 'not supported by this scale'}`),
        (err: unknown) => setError(`${COMMAND_LABEL[action]} failed: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => setBusy(null));
  };

  return (
    <>
      <div className="scale-commands">
        {(['zero', 'tare'] as const).map((action) => (
          <button
            key={action}
            type="button"
            className="btn btn-secondary"
            data-testid={`scale-${action}`}
            disabled={busy !== null}
            onClick={() => run(action)}
          >
            {busy === action ? `${COMMAND_LABEL[action]}…` : COMMAND_LABEL[action]}
          </button>
        ))}
      </div>
      {error && (
        <div className="command-error" data-testid="scale-command-error" role="alert">
          {error}
        </div>
      )}
    </>
  );
}
