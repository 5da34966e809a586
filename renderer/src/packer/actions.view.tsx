import { useState } from 'react';
import type { StationCommandId } from '../../../app/commands/station-commands';
import { commandById } from '../../../app/commands/station-commands';
import type { PackingAction, StationApi } from '../../../app/ipc/contract';
import { useT } from '../i18n/use-t';
import { keyOf, useCommandKey } from '../keys/station-keys';

const COMMAND: Record<PackingAction, StationCommandId> = {
  retry: 'retry',
  cancel: 'cancel',
  pack: 'pack',
  reprint: 'reprint',
};

const KIND: Record<PackingAction, string> = {
  retry: 'btn-primary',
  cancel: 'btn-danger',
  pack: 'btn-primary',
  reprint: 'btn-secondary',
};

/** The packer's buttons, each with its function key on it and behind it (the same command as its barcode). */
export function ActionsView({
  actions,
  api,
  onError,
}: {
  actions: PackingAction[];
  api: StationApi;
  onError(message: string | null): void;
}) {
  const texts = useT();
  // One command at a time: a double tap on "Pack" must not close two parcels.
  const [busy, setBusy] = useState<PackingAction | null>(null);
  const caption = (action: PackingAction) => texts.t(commandById(COMMAND[action]).captionKey);

  const run = (action: PackingAction) => {
    if (busy !== null) return;
    setBusy(action);
    api
      .invoke('packing:command', { action })
      .then(
        (res) => onError(res.accepted ? null : texts.t('feedback.commandRefused', { caption: caption(action) })),
        (err: unknown) => onError(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setBusy(null));
  };
  const offered = (action: PackingAction) => (actions.includes(action) ? () => run(action) : null);
  useCommandKey('pack', offered('pack'));
  useCommandKey('retry', offered('retry'));
  useCommandKey('cancel', offered('cancel'));

  if (actions.length === 0) return null;
  return (
    <div className="actions" data-testid="actions">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={`btn ${KIND[action]}`}
          data-testid={`action-${action}`}
          aria-keyshortcuts={keyOf(COMMAND[action])}
          disabled={busy !== null}
          onClick={() => run(action)}
        >
          {texts.t('feedback.withKey', { caption: caption(action), key: keyOf(COMMAND[action]) })}
        </button>
      ))}
    </div>
  );
}
