import type { DeviceHealth } from '../../../app/domain/device.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import { deviceSeverity, type Severity } from '../state/fleet-rows';

const PILL: Record<Severity, string> = { ok: 'pill-success', warning: 'pill-warning', error: 'pill-error' };

function Badge({ name, short, health, testId }: { name: string; short: string; health: DeviceHealth; testId: string }) {
  const title = `${name}: ${health.state}${health.detail ? ` — ${health.detail}` : ''}`;
  return (
    <span className={`pill badge ${PILL[deviceSeverity(health)]}`} title={title} aria-label={title} data-testid={testId} data-state={health.state}>
      {short}
    </span>
  );
}

/** Scale, scanner and label printer as three colored badges (green fine, amber waiting, red broken). */
export function DeviceBadges({ devices, testId }: { devices: StationStatus['devices']; testId: string }) {
  return (
    <span className="badges">
      <Badge name="Scale" short="scale" health={devices.scale} testId={`${testId}-scale`} />
      <Badge name="Scanner" short="scan" health={devices.scanner} testId={`${testId}-scanner`} />
      <Badge name="Label printer" short="printer" health={devices.labelPrinter} testId={`${testId}-printer`} />
    </span>
  );
}
