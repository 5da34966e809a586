import { useCallback, useEffect, useRef, useState } from 'react';
import type { FleetSnapshot } from '../../../app/hub/fleet-api.schema';
import type { FleetStation } from '../../../app/hub/fleet.schema';
import { errorText, FleetApiError, fleetApi } from '../api/fleet-http';
import { openFleetFeed, type LiveState } from '../api/fleet-socket';
import { upsertRow } from './fleet-rows';

/**
 * Time alone turns conditions into alerts (offline for N minutes) and no push announces that, so the snapshot is
 * read again now and then besides the live rows.
 */
const RESYNC_MS = 30_000;

export interface Fleet {
  snapshot: FleetSnapshot | null;
  rows: FleetStation[];
  live: LiveState;
  error: string | null;
  /** The hub's clock minus ours at the last snapshot: ages are computed on the hub's time. */
  skewMs: number;
  reload(): void;
}

/** The fleet: the snapshot once, then `fleet:station` pushes replace rows; a 401 calls `onUnauthorized`. */
export function useFleet(onUnauthorized: () => void): Fleet {
  const [snapshot, setSnapshot] = useState<FleetSnapshot | null>(null);
  const [rows, setRows] = useState<FleetStation[]>([]);
  const [live, setLive] = useState<LiveState>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [skewMs, setSkew] = useState(0);
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  const reload = useCallback(() => {
    fleetApi.fleet().then(
      (snap) => {
        setSnapshot(snap);
        setRows(snap.stations);
        setSkew(snap.now - Date.now());
        setError(null);
      },
      (err: unknown) => {
        if (err instanceof FleetApiError && err.status === 401) unauthorized.current();
        else setError(errorText(err));
      },
    );
  }, []);

  useEffect(() => {
    const feed = openFleetFeed({ onRow: (row) => setRows((current) => upsertRow(current, row)), onState: setLive, onOpen: reload });
    reload();
    const timer = setInterval(reload, RESYNC_MS);
    return () => {
      clearInterval(timer);
      feed.close();
    };
  }, [reload]);

  return { snapshot, rows, live, error, skewMs, reload };
}
