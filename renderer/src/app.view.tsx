import { useState } from 'react';
import type { StationLink } from './bridge/station-api';
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

const LINK_TEXT = {
  open: 'Connected',
  connecting: 'Connecting…',
  closed: 'Station connection lost — reconnecting…',
} as const;

export function App({ connection }: { connection: StationLink }) {
  const [tab, setTab] = useState<Tab>('packer');
  const station = useStation(connection);
  const session = useSession(connection);
  // On every tab: a scan made while the supervisor panel is open still reaches the packing machine.
  useKeyboardWedge(connection);
  useBenchKeys(connection, () => setTab((current) => (current === 'packer' ? 'supervisor' : 'packer')));
  const stationId = station.status?.stationId;

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
            Packing
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'supervisor'}
            className={`tab ${tab === 'supervisor' ? 'tab-active' : ''}`}
            data-testid="tab-supervisor"
            onClick={() => setTab('supervisor')}
          >
            Supervisor
          </button>
        </div>
        <div className="topbar-right">
          <PersonBadge session={session} api={connection} />
          {stationId && <span className="muted">{stationId}</span>}
          <span className={`link link-${station.link}`} data-testid="link-state" data-link={station.link}>
            {station.link === 'open' ? LINK_TEXT.open : station.link === 'connecting' ? LINK_TEXT.connecting : 'Offline'}
          </span>
        </div>
      </nav>
      {/* Scans made while the UI cannot reach the core are lost, so the packer must see that before scanning. */}
      {station.link !== 'open' && (
        <div className="link-banner" data-testid="link-banner" role="alert">
          {connection.tokenMissing
            ? 'This page has no access to the station: open the UI with the link the station printed when it started (it ends in #token=…).'
            : LINK_TEXT[station.link]}
        </div>
      )}
      {/* The station stopped taking work: nothing scanned now would be recorded. */}
      {station.status?.storage?.ok === false && (
        <div className="link-banner" data-testid="storage-banner" role="alert">
          The station database is lost ({station.status.storage.error ?? 'unknown reason'}): the station takes no more work. Call a
          supervisor to restart it.
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
