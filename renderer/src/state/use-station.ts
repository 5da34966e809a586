import { useCallback, useEffect, useRef, useState } from 'react';
import type { PackingView } from '../../../app/domain/packing-view.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import type { LinkState, StationLink } from '../bridge/station-api';

export interface StationState {
  view: PackingView | null;
  status: StationStatus | null;
  link: LinkState;
  /** Why the last fetch failed, shown instead of silently keeping stale data. */
  error: string | null;
  refreshStatus(): void;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Live view and status: pushed by the core, and re-fetched whenever the link (re)opens because pushes sent while
 * disconnected are gone. The core re-pushes status every second, which keeps the supervisor panel's ages honest.
 */
export function useStation(station: StationLink): StationState {
  const [view, setView] = useState<PackingView | null>(null);
  const [status, setStatus] = useState<StationStatus | null>(null);
  const [link, setLink] = useState<LinkState>(station.link);
  const [error, setError] = useState<string | null>(null);
  // A fetch answered after a newer push would roll the screen back; the counters let late answers be dropped.
  const viewPushes = useRef(0);
  const statusPushes = useRef(0);

  const refreshView = useCallback(() => {
    const seen = viewPushes.current;
    station.invoke('packing:view', undefined).then(
      (next) => {
        if (viewPushes.current === seen) setView(next);
        setError(null);
      },
      (err: unknown) => setError(messageOf(err)),
    );
  }, [station]);

  const refreshStatus = useCallback(() => {
    const seen = statusPushes.current;
    station.invoke('station:status', undefined).then(
      (next) => {
        if (statusPushes.current === seen) setStatus(next);
      },
      (err: unknown) => setError(messageOf(err)),
    );
  }, [station]);

  useEffect(() => {
    const offView = station.on('packing:view', (next) => {
      viewPushes.current += 1;
      setView(next);
    });
    const offStatus = station.on('station:status', (next) => {
      statusPushes.current += 1;
      setStatus(next);
    });
    const offLink = station.onLink((state) => {
      setLink(state);
      if (state === 'open') {
        refreshView();
        refreshStatus();
      }
    });
    setLink(station.link);
    if (station.link === 'open') {
      refreshView();
      refreshStatus();
    }
    return () => {
      offView();
      offStatus();
      offLink();
    };
  }, [station, refreshView, refreshStatus]);

  return { view, status, link, error, refreshStatus };
}
