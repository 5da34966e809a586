import type { ReactNode } from 'react';
import type { StationCommandRequest } from '../../../app/hub/fleet-api.schema';
import type { StationCommand } from './use-station-command';

/** A button that sends one command to the station; disabled while any command of this detail is on its way. */
export function CommandButton({
  command,
  request,
  testId,
  tone = 'secondary',
  children,
}: {
  command: StationCommand;
  request: StationCommandRequest;
  testId: string;
  tone?: 'secondary' | 'success';
  children: ReactNode;
}) {
  return (
    <button type="button" className={`btn-small btn-${tone}`} disabled={command.busy} data-testid={testId} onClick={() => void command.send(request)}>
      {children}
    </button>
  );
}
