import type { ReactNode } from 'react';
import type { DeviceHealth } from '../../../app/domain/device.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import { formatTime, formatWeight } from '../state/format';

const TONE: Record<DeviceHealth['state'], string> = {
  connected: 'success',
  connecting: 'progress',
  silent: 'warning',
  disconnected: 'error',
  fault: 'error',
};

function DeviceCard({ name, testId, health, children }: { name: string; testId: string; health: DeviceHealth; children?: ReactNode }) {
  return (
    <div className={`device tone-border-${TONE[health.state]}`} data-testid={testId} data-state={health.state}>
      <div className="device-head">
        <span className="device-name">{name}</span>
        <span className={`pill pill-${TONE[health.state]}`} data-testid={`${testId}-state`}>
          {health.state}
        </span>
      </div>
      {health.detail && (
        <div className="device-detail" data-testid={`${testId}-detail`}>
          {health.detail}
        </div>
      )}
      <div className="muted small">since {formatTime(health.since)}</div>
      {children}
    </div>
  );
}

export function DevicesView({ devices }: { devices: StationStatus['devices'] }) {
  const reading = devices.scale.lastReading;
  return (
    <div className="devices">
      <DeviceCard name="Scale" testId="device-scale" health={devices.scale}>
        <div className="device-reading" data-testid="scale-reading">
          {reading === null ? (
            'no reading yet'
          ) : (
            <>
              {formatWeight(reading.grams)}{' '}
              <span className={`stable-badge small ${reading.stable ? 'is-stable' : 'is-moving'}`} data-testid="scale-stable">
                {reading.stable ? 'STABLE' : 'MOVING'}
              </span>{' '}
              <span className="muted small">at {formatTime(reading.at)}</span>
            </>
          )}
        </div>
      </DeviceCard>
      <DeviceCard name="Scanner" testId="device-scanner" health={devices.scanner} />
      <DeviceCard name="Label printer" testId="device-label-printer" health={devices.labelPrinter} />
    </div>
  );
}
