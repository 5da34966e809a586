import { useState } from 'react';
import type { FleetStation } from '../../../app/hub/fleet.schema';
import { formatTime } from '../../src/state/format';
import { CommandButton } from './command-button.view';
import { ReasonForm } from './reason-form.view';
import type { StationCommand } from './use-station-command';

/** A paused station takes no new picking: pausing wants a reason, shown with who paused and when. */
export function PauseControls({ row, command, canCommand }: { row: FleetStation; command: StationCommand; canCommand: boolean }) {
  const [asking, setAsking] = useState(false);
  return (
    <div className="pause" data-testid="pause-controls">
      {row.paused ? (
        <div className="pause-state" data-testid="detail-paused">
          <span className="pill pill-warning">paused</span> by <b>{row.paused.by}</b> at {formatTime(row.paused.at)}: {row.paused.reason}
        </div>
      ) : (
        <span className="muted">Taking work.</span>
      )}
      {canCommand &&
        (row.paused ? (
          <CommandButton command={command} request={{ command: { kind: 'station.resume' } }} testId="resume-station" tone="success">
            Resume
          </CommandButton>
        ) : (
          !asking && (
            <button type="button" className="btn-small btn-danger" data-testid="pause-station" onClick={() => setAsking(true)}>
              Pause…
            </button>
          )
        ))}
      {asking && !row.paused && (
        <ReasonForm
          label="Pause station"
          testId="pause-form"
          busy={command.busy}
          onCancel={() => setAsking(false)}
          onSubmit={(reason) => void command.send({ command: { kind: 'station.pause', reason }, reason }).then(() => setAsking(false))}
        />
      )}
    </div>
  );
}
