import { useState } from 'react';
import type { PackingView } from '../../../app/domain/packing-view.schema';
import type { ScaleCommand, StationApi } from '../../../app/ipc/contract';
import { getStationApi } from '../bridge/station-api';
import { useT } from '../i18n/use-t';

const COMMAND_KEY: Record<ScaleCommand, string> = { zero: 'packer.scale.zero', tare: 'packer.scale.tare' };

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
  const { t, weight: shown } = useT();
  return (
    <section className="panel weight-panel" aria-label={t('packer.scale')}>
      <h2 className="panel-title">{t('packer.weight')}</h2>
      {weight === null ? (
        <div className="weight weight-none" data-testid="weight" data-stable="false">
          {t('packer.weight.none')}
        </div>
      ) : (
        <>
          <div className="weight" data-testid="weight" data-stable={String(weight.stable)} data-grams={weight.grams}>
            {shown(weight.grams)}
          </div>
          <div
            className={`stable-badge ${weight.stable ? 'is-stable' : 'is-moving'}`}
            data-testid="weight-stable"
            role="status"
          >
            {t(weight.stable ? 'packer.weight.stable' : 'packer.weight.moving')}
          </div>
        </>
      )}
      {expectedG !== null && (
        <div className="muted" data-testid="expected-weight">
          {t('packer.weight.expected', { weightG: expectedG })}
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
  const { t } = useT();
  const label = (action: ScaleCommand) => t(COMMAND_KEY[action]);

  const run = (action: ScaleCommand) => {
    setBusy(action);
    setError(null);
    (api ?? getStationApi())
      .invoke('scale:command', { action })
      .then(
        (res) => setError(res.accepted ? null : t('packer.scale.failed', { command: label(action), error: res.error ?? t('packer.scale.notSupported') })),
        (err: unknown) => setError(t('packer.scale.failed', { command: label(action), error: err instanceof Error ? err.message : String(err) })),
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
            {busy === action ? t('packer.scale.busy', { command: label(action) }) : label(action)}
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
