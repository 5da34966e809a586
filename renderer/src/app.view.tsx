import { useState } from 'react';
import type { StationLink } from './bridge/station-api';
import { useT } from './i18n/use-t';
import { StationFeedback } from './feedback/station-feedback.view';
import { useBenchKeys } from './keys/bench-keys';
import { PackerView } from './packer/packer.view';
import { PanelLocked } from './people/panel-locked.view';
import { PersonBadge } from './people/person-badge.view';
import { PinPad } from './people/pin-pad.view';
import { SignInView } from './people/sign-in.view';
import { panelOpen, signInNeeded, useSession } from './people/use-session';
import { useKeyboardWedge } from './scan/use-keyboard-wedge';
import { useStation } from './state/use-station';
import { SupervisorPanel } from './supervisor/supervisor.panel';

type Tab = 'packer' | 'supervisor';

const LINK_KEY = { open: 'packer.link.open', connecting: 'packer.link.connecting', closed: 'packer.link.closed' } as const;

export function App({ connection }: { connection: StationLink }) {
  const [tab, setTab] = useState<Tab>('packer');
  const station = useStation(connection);
  const session = useSession();
  // On every tab: a scan made while the supervisor panel is open still reaches the packing machine.
  useKeyboardWedge(connection);
  useBenchKeys(connection, () => setTab((current) => (current === 'packer' ? 'supervisor' : 'packer')));
  const stationId = station.status?.stationId;
  const { t } = useT();

  return (
    <div className="app">
      <nav className="topbar">
        <div className="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'packer'}
            className={`tab ${tab === 'packer' ? 'tab-active' : ''}`}
            data-testid="tab-packer"
            onClick={() => setTab('packer')}
          >
            {t('packer.tab.packer')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'supervisor'}
            className={`tab ${tab === 'supervisor' ? 'tab-active' : ''}`}
            data-testid="tab-supervisor"
            onClick={() => setTab('supervisor')}
          >
            {t('packer.tab.supervisor')}
          </button>
        </div>
        <div className="topbar-right">
          <PersonBadge session={session} api={connection} />
          {stationId && <span className="muted">{stationId}</span>}
          <span className={`link link-${station.link}`} data-testid="link-state" data-link={station.link}>
            {t(station.link === 'closed' ? 'packer.link.offline' : LINK_KEY[station.link])}
          </span>
        </div>
      </nav>
      {/* Scans made while the UI cannot reach the core are lost, so the packer must see that before scanning. */}
      {station.link !== 'open' && (
        <div className="link-banner" data-testid="link-banner" role="alert">
          {t(connection.tokenMissing ? 'packer.link.tokenMissing' : LINK_KEY[station.link])}
        </div>
      )}
      {/* The station stopped taking work: nothing scanned now would be recorded. */}
      {station.status?.storage?.ok === false && (
        <div className="link-banner" data-testid="storage-banner" role="alert">
          {t('packer.storageLost', { error: station.status.storage.error ?? t('packer.storageLost.unknown') })}
        </div>
      )}
      {station.error && station.link === 'open' && (
        <div className="command-error" data-testid="station-error" role="alert">
          {station.error}
        </div>
      )}
      {session && signInNeeded(session) ? (
        <SignInView session={session} api={connection} />
      ) : tab === 'packer' ? (
        <PackerView view={station.view} api={connection} />
      ) : panelOpen(session) ? (
        <SupervisorPanel status={station.status} onRefresh={station.refreshStatus} api={connection} />
      ) : (
        <PanelLocked />
      )}
      {session && <PinPad session={session} api={connection} />}
      <StationFeedback view={station.view} api={connection} />
    </div>
  );
}
