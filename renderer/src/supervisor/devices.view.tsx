import type { ReactNode } from 'react';
import type { DeviceHealth } from '../../../app/domain/device.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import { useT } from '../i18n/use-t';
import { timeOf } from './supervisor-words';

const TONE: Record<DeviceHealth['state'], string> = {
  connected: 'success',
  connecting: 'progress',
  silent: 'warning',
  disconnected: 'error',
  fault: 'error',
};

function DeviceCard({ name, testId, health, children }: { name: string; testId: string; health: DeviceHealth; children?: ReactNode }) {
  const words = useT();
  return (
    <div className={`device tone-border-${TONE[health.state]}`} data-testid={testId} data-state={health.state}>
      <div className="device-head">
        <span className="device-name">{name}</span>
        <span className={`pill pill-${TONE[health.state]}`} data-testid={`${testId}-state`}>
          {words.t(`supervisor.devices.state.${health.state}`)}
        </span>
      </div>
      {health.detail && (
        <div className="device-detail" data-testid={`${testId}-detail`}>
          {health.detail}
        </div>
      )}
      <div className="muted small">{words.t('supervisor.devices.since', { time: timeOf(words, health.since) })}</div>
      {children}
    </div>
  );
}

export function DevicesView({ devices }: { devices: StationStatus['devices'] }) {
  const words = useT();
  const { t } = words;
  const reading = devices.scale.lastReading;
  return (
    <div className="devices">
      <DeviceCard name={t('supervisor.devices.scale')} testId="device-scale" health={devices.scale}>
        <div className="device-reading" data-testid="scale-reading">
          {reading === null ? (
            t('supervisor.devices.noReading')
          ) : (
            <>
              {words.weight(reading.grams)}{' '}
              <span className={`stable-badge small ${reading.stable ? 'is-stable' : 'is-moving'}`} data-testid="scale-stable">
                {reading.stable ? t('supervisor.devices.stable') : t('supervisor.devices.moving')}
              </span>{' '}
              <span className="muted small">{t('supervisor.devices.at', { time: timeOf(words, reading.at) })}</span>
            </>
          )}
        </div>
      </DeviceCard>
      <DeviceCard name={t('supervisor.devices.scanner')} testId="device-scanner" health={devices.scanner} />
      <DeviceCard name={t('supervisor.devices.labelPrinter')} testId="device-label-printer" health={devices.labelPrinter} />
    </div>
  );
}
