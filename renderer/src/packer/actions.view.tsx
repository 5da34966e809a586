import { useState } from 'react';
import type { PackingAction, StationApi } from '../../../app/ipc/contract';

const LABELS: Record<PackingAction, string> = {
  retry: 'Retry',
  cancel: 'Cancel',
  pack: 'Close parcel',
  reprint: 'Reprint label',
};

const KIND: Record<PackingAction, string> = {
  retry: 'btn-primary',
  cancel: 'btn-danger',
  pack: 'btn-primary',
  reprint: 'btn-secondary',
};

export function ActionsView({
  actions,
  api,
  onError,
}: {
  actions: PackingAction[];
  api: StationApi;
  onError(message: string | null): void;
}) {
  // One command at a time: a double tap on "Close parcel" must not close two parcels.
  const [busy, setBusy] = useState<PackingAction | null>(null);

  const run = (action: PackingAction) => {
    setBusy(action);
    api.invoke('packing:command', { action }).then(
      (res) => onError(res.accepted ? null : `${LABELS[action]} was not accepted now`),
      (err: unknown) => onError(err instanceof Error ? err.message : String(err)),
    ).finally(() => setBusy(null));
  };

  if (actions.length === 0) return null;
  return (
    <div className="actions" data-testid="actions">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={`btn ${KIND[action]}`}
          data-testid={`action-${action}`}
          disabled={busy !== null}
          onClick={() => run(action)}
        >
          {LABELS[action]}
        </button>
      ))}
    </div>
  );
}
