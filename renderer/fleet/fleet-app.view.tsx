import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../../app/hub/fleet-api.schema';
import { FleetApiError, fleetApi } from './api/fleet-http';
import { TokensView } from './admin/tokens.view';
import { ExceptionsPage } from './exceptions/exceptions.page';
import { FleetPage } from './fleet.page';
import { LoginView } from './login.view';
import { useFleet, type Fleet } from './state/use-fleet';

type Page = 'fleet' | 'exceptions' | 'admin';

const PAGE_TEXT: Record<Page, string> = { fleet: 'Fleet', exceptions: 'Exceptions', admin: 'Tokens' };

const LIVE_TEXT = { open: 'Live', connecting: 'Connecting…', closed: 'Live feed lost — reconnecting…' } as const;

/** The hub's supervisor view: the login first, then the fleet (and token admin for admins). */
export function FleetApp() {
  const [me, setMe] = useState<Me | null | 'loading'>('loading');
  useEffect(() => {
    fleetApi.me().then(setMe, (err: unknown) => {
      // 401: no session yet. Anything else still needs a login form to try again from.
      if (!(err instanceof FleetApiError) || err.status !== 401) console.warn('fleet: /api/me failed', err);
      setMe(null);
    });
  }, []);
  if (me === 'loading') return <p className="muted fleet-loading">Loading…</p>;
  if (me === null) return <LoginView onLogin={setMe} />;
  return <SignedIn me={me} onSignedOut={() => setMe(null)} />;
}

function SignedIn({ me, onSignedOut }: { me: Me; onSignedOut(): void }) {
  const [page, setPage] = useState<Page>('fleet');
  const fleet = useFleet(onSignedOut);
  const logout = useCallback(() => {
    fleetApi.logout().finally(onSignedOut);
  }, [onSignedOut]);
  return (
    <div className="app fleet-app">
      <TopBar me={me} fleet={fleet} page={page} setPage={setPage} onLogout={logout} />
      {page === 'admin' && me.role === 'admin' ? (
        <TokensView />
      ) : page === 'exceptions' ? (
        <ExceptionsPage me={me.username} canAct={me.role !== 'viewer'} />
      ) : (
        <FleetPage fleet={fleet} canCommand={me.role !== 'viewer'} />
      )}
    </div>
  );
}

function TopBar({ me, fleet, page, setPage, onLogout }: { me: Me; fleet: Fleet; page: Page; setPage(p: Page): void; onLogout(): void }) {
  const tabs: Page[] = me.role === 'admin' ? ['fleet', 'exceptions', 'admin'] : ['fleet', 'exceptions'];
  return (
    <nav className="topbar">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={page === t}
            className={`tab ${page === t ? 'tab-active' : ''}`}
            data-testid={`tab-${t}`}
            onClick={() => setPage(t)}
          >
            {PAGE_TEXT[t]}
          </button>
        ))}
      </div>
      <div className="topbar-right">
        {fleet.snapshot && <span className="muted small">hub {fleet.snapshot.hubId}</span>}
        <span className={`link link-${fleet.live}`} data-testid="live-state" data-live={fleet.live}>
          {LIVE_TEXT[fleet.live]}
        </span>
        <span data-testid="me">
          {me.username} <span className="pill pill-progress" data-testid="me-role">{me.role}</span>
        </span>
        <button type="button" className="btn-small btn-secondary" onClick={onLogout} data-testid="logout">
          Sign out
        </button>
      </div>
    </nav>
  );
}
