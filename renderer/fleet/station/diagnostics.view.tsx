import { DiagnosticsBundleSchema, type DiagnosticsBundle } from '../../../app/hub/diagnostics.schema';
import { formatAge, formatTime } from '../../src/state/format';
import { CommandButton } from './command-button.view';
import type { StationCommand } from './use-station-command';

/** Saves the bundle as a JSON file: what a supervisor attaches to a support ticket. */
function download(bundle: unknown, stationId: string, at: number) {
  const blob = new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `diagnostics-${stationId}-${new Date(at).toISOString().replace(/[:.]/g, '-')}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Diagnostics on demand: the station's versions, devices, settings (secrets masked) and recent log lines. */
export function DiagnosticsView({ stationId, command, canCommand }: { stationId: string; command: StationCommand; canCommand: boolean }) {
  const raw = command.outcome?.kind === 'diagnostics' ? command.outcome.result?.detail : undefined;
  const parsed = raw === undefined ? null : DiagnosticsBundleSchema.safeParse(raw);
  return (
    <section aria-labelledby="diagnostics-title">
      <div className="panel-head">
        <h3 className="panel-title" id="diagnostics-title">
          Diagnostics
        </h3>
        {canCommand && (
          <CommandButton command={command} request={{ command: { kind: 'diagnostics' } }} testId="diagnostics-request">
            Collect diagnostics
          </CommandButton>
        )}
      </div>
      {parsed && !parsed.success && (
        <pre className="mono small wrap" data-testid="diagnostics-raw">
          {JSON.stringify(raw, null, 2)}
        </pre>
      )}
      {parsed?.success && <BundleView bundle={parsed.data} onDownload={() => download(raw, stationId, parsed.data.at)} />}
    </section>
  );
}

function BundleView({ bundle, onDownload }: { bundle: DiagnosticsBundle; onDownload(): void }) {
  return (
    <div className="diagnostics" data-testid="diagnostics">
      <button type="button" className="btn-small btn-primary" onClick={onDownload} data-testid="diagnostics-download">
        Download JSON
      </button>
      <dl className="picking-meta">
        <dt>Collected</dt>
        <dd>{formatTime(bundle.at)}</dd>
        <dt>Station</dt>
        <dd data-testid="diagnostics-version">{bundle.versions.station}</dd>
        <dt>Runtime</dt>
        <dd>
          Node {bundle.versions.node}
          {bundle.versions.electron ? `, Electron ${bundle.versions.electron}` : ''} on {bundle.versions.platform}
        </dd>
        <dt>Up for</dt>
        <dd>{formatAge(bundle.uptimeS * 1000)}</dd>
      </dl>
      <table className="table small">
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Address</th>
            <th scope="col">State</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {bundle.devices.map((d) => (
            <tr key={d.role}>
              <th scope="row">{d.role}</th>
              <td className="mono">{d.address}</td>
              <td>{d.state}</td>
              <td className="wrap">{d.detail ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Settings (secrets masked)</summary>
        <pre className="mono small wrap">{JSON.stringify(bundle.config, null, 2)}</pre>
      </details>
      <details open>
        <summary>Recent log ({bundle.logs.length} lines)</summary>
        {bundle.logs.length === 0 ? (
          <p className="muted small" data-testid="diagnostics-logs">
            The station sent no log lines.
          </p>
        ) : (
          <pre className="mono small log" data-testid="diagnostics-logs">
            {bundle.logs.slice(-200).join('\n')}
          </pre>
        )}
      </details>
    </div>
  );
}
